"""Benchmarks that print numbers, and the protocol client they (and a test) share."""
