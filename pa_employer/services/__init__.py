"""Use cases: each opens one transaction on the employer file and returns plain records."""
