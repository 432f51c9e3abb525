"""The council's rules: its profile, spending categories and the return's figures."""
