import sys

from dna.cli.main import main

sys.exit(main())
