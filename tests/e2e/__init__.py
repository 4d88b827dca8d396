"""End-to-end tests: Playwright drives Debian's chromium against a real `streamlit run`."""
