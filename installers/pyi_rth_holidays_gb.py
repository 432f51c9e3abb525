# PyInstaller run-time hook: the bundle carries only the United Kingdom's holidays.
# holidays.countries/__init__.py imports every country (about 6 MB of modules); the bundle
# leaves them out, so this puts an empty holidays.countries package in its place before
# anything imports it. holidays.country_holidays("GB") then imports just
# holidays.countries.united_kingdom (its registry imports countries lazily, by module name).
import os
import sys
import types

_countries = types.ModuleType("holidays.countries")
_countries.__path__ = [os.path.join(sys._MEIPASS, "holidays", "countries")]
_countries.__package__ = "holidays.countries"
sys.modules["holidays.countries"] = _countries
