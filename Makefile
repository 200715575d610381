# Two entry points for a fresh machine; everything else is in noxfile.py.
VENV := .venv
NOX := $(VENV)/bin/nox

.PHONY: serve test

$(NOX):
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet "nox>=2025.2.9"

serve: $(NOX)
	$(NOX) -s serve

test: $(NOX)
	$(NOX) -s lint tests
