"""The web server: the Streamlit app (app.py) plus our own routes (the phones' page and API,
the facilitator's login), in one process.

`streamlit run serve.py` (what ./dev run does) finds the `App` below and serves both; app.py
alone still runs in AppTest and with `streamlit run app.py`, without the routes.
"""

import streamlit as st

import phone
import web

app = st.App(
    "app.py", routes=phone.routes + web.routes, middleware=web.middleware, lifespan=web.lifespan
)
