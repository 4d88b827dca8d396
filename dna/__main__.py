import sys

from dna.cli import main

sys.exit(main())
