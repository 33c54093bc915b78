# The two commands of the README: `make run` and `make test`. Both work from a fresh clone.
.PHONY: run test lint typecheck pytest fuzz lock messages bench

run:  ## Install what is needed, load demo data and start the portal on http://127.0.0.1:8000
	scripts/bootstrap.sh run
	scripts/run.sh

test:  ## Install what the tests need, make sure PostgreSQL and Redis answer, run ruff, mypy, pytest
	scripts/bootstrap.sh test
	scripts/services.sh
	$(MAKE) lint typecheck pytest

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

typecheck:
	.venv/bin/mypy .

# Two workers by default (the CI machine's cores); each has its own test database and Redis
# database (kamakura_portal/settings/test.py). PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= 2

pytest:  ## The whole suite, then the permission tests again with two-factor authentication required
	.venv/bin/pytest -p no:cacheprovider -n $(PYTEST_WORKERS)
	.venv/bin/pytest -p no:cacheprovider -n $(PYTEST_WORKERS) --mfa-required -m permissions

fuzz:  ## Every POST form with many generated bad submissions (the suite tries a few of each)
	PORTAL_FUZZ_EXAMPLES=$${PORTAL_FUZZ_EXAMPLES:-200} .venv/bin/pytest -p no:cacheprovider tests/kamakura_portal/test_every_form.py

messages:  ## Refresh the Japanese catalogue after changing strings (then translate the new entries)
	.venv/bin/python manage.py makemessages -l ja --no-obsolete --ignore=.venv --ignore=staticfiles
	.venv/bin/python manage.py compilemessages --ignore=.venv

lock:  ## Re-pin the transitive dependencies after changing pyproject.toml
	.venv/bin/python -m pip freeze --exclude-editable > requirements/constraints.txt

# Options of the load benchmark, e.g. LOAD_ARGS="--soak" or LOAD_ARGS="--database other --duration 60".
LOAD_ARGS ?=

# BENCH_SUITE=0 leaves out the last part, the test suite's wall time (about 15 minutes).
BENCH_SUITE ?= 1
BENCH_RESULTS = benchmarks/results

bench:  ## Time the registry, its import and export at 100,000 rows, every page under load on the seed_scale data, each printed report, then the test suite
	.venv/bin/python benchmarks/registry.py
	.venv/bin/python benchmarks/bulk.py
	.venv/bin/python -m benchmarks.load $(LOAD_ARGS)
	.venv/bin/python benchmarks/reports.py --scale kamakura --json $(BENCH_RESULTS)/reports-kamakura-$$(date +%F).json
	.venv/bin/python benchmarks/reports.py --scale large --kinds status,guideline,survey --json $(BENCH_RESULTS)/reports-large-$$(date +%F).json
	if [ "$(BENCH_SUITE)" != 0 ]; then .venv/bin/python benchmarks/suite.py --json $(BENCH_RESULTS)/suite-$$(date +%F).json; fi
