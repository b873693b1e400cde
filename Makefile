# The kit's two commands. Both make .venv and install the kit on first use (see kit.py).
PYTHON ?= python3

.PHONY: lab test clean grade exercises notebooks

# `make lab LANG=zh` opens the Chinese edition: only the exact value zh (or en) chooses; a locale such as
# zh_CN.UTF-8 in the environment keeps the English start page (kit.py lab_language).
lab:  ## open the course in JupyterLab (prints the URL); LANG=zh opens notebooks/zh/
	$(PYTHON) kit.py lab $(LAB_ARGS)

test:  ## run every test: unit, doctest, notebooks, exercises, browser
	$(PYTHON) kit.py test $(PYTEST_ARGS)

grade:  ## grade a folder of submissions: make grade SUBMISSIONS=dir OUT=dir (docs/instructors.md)
	$(PYTHON) kit.py grade $(SUBMISSIONS) --out $(OUT) $(GRADE_ARGS)

exercises:  ## build exercises/*.ipynb and exercises/zh/*.ipynb from crmlib/exercises/banks (EXERCISE_ARGS="--check" only compares)
	$(PYTHON) kit.py exercises $(EXERCISE_ARGS)

notebooks:  ## build notebooks/*.ipynb and notebooks/zh/*.ipynb from lessons/{en,zh}/*.md (NOTEBOOK_ARGS="--check" only compares)
	$(PYTHON) kit.py notebooks $(NOTEBOOK_ARGS)

clean:  ## remove the virtual environment
	$(PYTHON) kit.py clean
