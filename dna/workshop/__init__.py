"""The rules of a live workshop: its settings and join code, voting, the value set and its checks,
the presenter's stages and the DNA sheet's options."""
