"""Helpers shared by the test modules: pages, forms, servers and browsers. No tests here."""
