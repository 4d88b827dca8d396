"""The only Streamlit-importing code besides app.py and pages/."""
