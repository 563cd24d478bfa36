# dlaudio: two commands set everything up on a fresh machine.
#   make docs   build the site, English and Korean, with the gallery executed
#   make test   run the whole test suite (what CI runs; a few minutes)
#   make test-fast  the library's own tests only, in under a minute
# Both create the virtual environment .venv on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SPHINXOPTS ?= -W --keep-going -q
SPHINXBUILD = $(BIN)/sphinx-build
LANGUAGES := en ko

.PHONY: help venv docs gettext update-po test test-fast benchmark htmlzip clean

help:
	@echo "make docs       build _build/html/en and _build/html/ko (gallery executed)"
	@echo "make test       run the whole test suite, site and browser included (before committing; CI)"
	@echo "make test-fast  the library's unit, property and docstring tests (while working; < 1 min)"
	@echo "make update-po  refresh the Korean catalogs after English changes"
	@echo "make benchmark  measure training speed (not part of the tests)"
	@echo "make htmlzip    zip the built site for offline reading"
	@echo "make clean      remove build output"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[docs,test]"
	# librosa (the tests' reference) compiles its numba kernels on first use, 30 s or more in all, and
	# caches them in the environment: done once here, for the functions the tests compare against.
	$(BIN)/python -W ignore -c "import numpy as np, librosa as l; y = np.random.default_rng(0).standard_normal(8192); \
	  S = l.stft(y); l.istft(S); C = l.feature.mfcc(y=y, sr=22050); l.feature.delta(C); \
	  l.feature.inverse.mfcc_to_mel(C); l.power_to_db(l.feature.melspectrogram(y=y, sr=22050)); l.util.frame(y, frame_length=512, hop_length=128)"
	touch $(STAMP)

venv: $(STAMP)

# Each build starts clean: the gallery folder would otherwise keep the output
# of examples that were renamed or deleted.
docs: $(STAMP)
	rm -rf _build/html _build/doctrees docs/auto_examples
	for lang in $(LANGUAGES); do \
	  $(SPHINXBUILD) -b html $(SPHINXOPTS) -d _build/doctrees/$$lang -c . docs _build/html/$$lang -D language=$$lang || exit 1; \
	done
	cp site/index.html _build/html/index.html
	@echo "Site built: open _build/html/index.html"

# The message templates (.pot) for the translators; the gallery is not executed.
# gallery-code.pot holds the gallery scripts' code comments and printed strings
# (for the translated downloads), which the pages' templates do not.
gettext: $(STAMP)
	rm -rf _build/gettext
	$(SPHINXBUILD) -b gettext -q -c . docs _build/gettext -D plot_gallery=0
	$(BIN)/python docs/_ext/gallery_code.py conf.py examples _build/gettext/gallery-code.pot

update-po: gettext
	$(BIN)/sphinx-intl update -p _build/gettext -l ko -d locale
	@echo "Catalogs refreshed: translate the new and '#, fuzzy' entries in locale/ko/LC_MESSAGES/"

# Everything: the library's tests, the pages' doctests, the gallery, both
# editions of the site built and read in a browser. Run it before committing;
# .ci/run runs it.
test: $(STAMP)
	$(BIN)/python -m pytest --durations=10

# While working on the library: its unit, property and docstring tests; no
# Sphinx run, no gallery script, and a quarter of the Hypothesis examples (the
# edge cases are explicit @examples, run by both targets).
test-fast: $(STAMP)
	$(BIN)/python -m pytest tests src -m "not docs and not gallery" --hypothesis-profile=fast --durations=10

# Benchmarks only (never tests or CI): the OpenBLAS overrides some machines set
# for old builds slow a current numpy down, so they are unset for this command.
benchmark: $(STAMP)
	for bench in benchmarks/bench_*.py; do \
	  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(BIN)/python $$bench || exit 1; \
	done

# Zips the site that `make docs` built (building it first if there is none).
htmlzip: $(STAMP)
	test -f _build/html/index.html || $(MAKE) docs
	rm -f _build/dlaudio-html.zip
	cd _build/html && $(CURDIR)/$(BIN)/python -m zipfile -c ../dlaudio-html.zip .
	@echo "Offline copy: _build/dlaudio-html.zip"

clean:
	rm -rf _build docs/auto_examples docs/sg_execution_times.rst
	find locale -name '*.mo' -delete
