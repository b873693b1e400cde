# The kit's two commands. Both make .venv and install the kit on first use (see kit.py).
PYTHON ?= python3

.PHONY: lab test clean grade exercises notebooks

lab:  ## open the course in JupyterLab (prints the URL)
	$(PYTHON) kit.py lab

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
