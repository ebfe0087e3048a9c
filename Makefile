# Pantau TPPO - the few commands people need. `make run` and `make test` set everything up.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | sha256sum | cut -c1-12)
SUDO   := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
PYTEST_ARGS ?=

.PHONY: setup run test test-store lint boundaries chromium clean bench

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@rm -f $(VENV)/.installed-* && touch $(STAMP)

## setup: virtualenv + packages, boundary cache, store created and seeded if empty (quick when unchanged)
setup: $(STAMP)
	@$(PY) -m etl boundaries || echo "Peringatan/warning: batas wilayah tidak tersedia; peta memakai titik / map falls back to points."
	@$(PY) -m etl init

## run: set up, then serve the app on http://localhost:8501
run: setup
	$(PY) -m streamlit run app.py

## chromium: Debian's Chromium for the browser tests (installed only when missing)
chromium:
	@command -v chromium >/dev/null 2>&1 || ( $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null )

## test: set up, lint, and run the whole suite (unit, AppTest, store, real browser)
test: setup chromium
	$(PY) -m ruff check .
	$(PY) -m pytest $(PYTEST_ARGS)

## test-store: only the store tests (CI runs them again against PostgreSQL via DATABASE_URL)
test-store: $(STAMP)
	$(PY) -m pytest -m store $(PYTEST_ARGS)

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

boundaries: $(STAMP)
	$(PY) -m etl boundaries --force

clean:
	rm -rf $(VENV) data/cache data/pantau.db data/pantau.db-*

## bench: benchmark suite at the seed, 100k and 1M sizes in its own stores (bench/results.json; see bench/README.md)
bench: setup chromium
	$(PY) -m bench.run
