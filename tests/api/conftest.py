def pytest_terminal_summary(terminalreporter):
    """Say how many API requests the Schemathesis run generated."""
    from .test_schemathesis import REQUESTS

    if REQUESTS["count"]:
        terminalreporter.write_line(f"schemathesis: {REQUESTS['count']} API requests generated")
