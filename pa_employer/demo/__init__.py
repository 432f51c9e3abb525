"""The demo employer and the large benchmark file, made through the services as a user would."""
