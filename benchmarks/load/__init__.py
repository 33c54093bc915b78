"""Every page under load against the framework's floor: ``python -m benchmarks.load``."""
