# Council developer tasks. `make demo` runs the app locally; `make test` runs
# the test suite on SQLite and then on a throw-away PostgreSQL database.

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
FLASK       := $(BIN)/flask --app wsgi council
PYTEST_ARGS ?=
# apt-get needs root: use sudo only when we are not root and sudo exists.
SUDO        := $(shell [ "$$(id -u)" = 0 ] || command -v sudo)

.PHONY: demo test test-sqlite test-postgres venv test-deps clean

venv: $(VENV)/.installed

# Reinstalled only when the dependency files change.
$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e ".[test]"
	touch $@

# axe-core for the accessibility checks; reinstalled when the lock file changes.
node_modules/.installed: package.json package-lock.json
	command -v npm >/dev/null || { $(SUDO) apt-get update && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs npm; }
	npm ci --no-audit --no-fund
	touch $@

# Headless browser for the e2e tests, from Debian.
/usr/bin/chromium:
	$(SUDO) apt-get update
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium

test-deps: venv node_modules/.installed /usr/bin/chromium

demo: export COUNCIL_SECURE_COOKIES := 0
demo: export COUNCIL_MAIL_PORT := 8025
demo: venv
	$(FLASK) migrate
	$(FLASK) seed-demo
	@echo "== Council demo: open http://127.0.0.1:5000 in your browser (Ctrl-C stops it) =="
	@echo "== Emails the app sends are printed here by a local SMTP server on 127.0.0.1:8025 =="
	$(BIN)/python -m aiosmtpd -n -l 127.0.0.1:8025 -c aiosmtpd.handlers.Debugging & \
	  trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/gunicorn --bind 127.0.0.1:5000 wsgi:app

run-sqlite   = echo "== tests on SQLite =="; \
               env -u COUNCIL_TEST_DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)
run-postgres = echo "== tests on PostgreSQL =="; \
               bash scripts/pg_test_db.sh -- $(BIN)/pytest $(PYTEST_ARGS)

# Runs both databases even if the first fails, then fails if either did.
test: test-deps
	@rc=0; { $(run-sqlite); } || rc=1; { $(run-postgres); } || rc=1; exit $$rc

test-sqlite: test-deps
	@$(run-sqlite)

test-postgres: test-deps
	@$(run-postgres)

clean:
	rm -rf $(VENV) node_modules
