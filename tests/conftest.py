"""Test configuration: the collapse-check pytest plugin."""

pytest_plugins = ["theorems.pytest_plugin"]
