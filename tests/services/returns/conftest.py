"""The returns tests' shared employer: Jean, with a quarter of money and shifts."""

from tests.services.returns.test_returns import jean

__all__ = ["jean"]
