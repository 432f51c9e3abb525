"""Help inside the program: the help window, F1 and the Help button.

``opening.show_help(widget)`` opens the help page for where ``widget`` is (``topics``);
the main window calls ``opening.install()`` once so F1 works in every dialog too.
``button.help_button`` imports nothing else, so the window can show it before the rest of
the program is loaded (a fast start).
"""
