"""Executes every tutorial notebook with nbclient on the livemig kernel, checks that it raises nothing, that the
cells tagged expect-table / expect-chart produced an HTML table / an SVG chart, that every chart is stored once
(SVG, no PNG copy), that the executed notebook stays under 2 MB, that the committed file has its outputs cleared,
and that the nbconvert HTML export holds the charts inline (no script fetched online)."""
import copy
import glob
import os
import re
import sys

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

import kernel_client


MAX_NOTEBOOK_BYTES = 2_000_000


def check_committed_clean(path, nb):
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count") is not None):
            raise AssertionError(f"{path}: cell {i} was committed with outputs; clear them before committing")
    name = nb.metadata.get("kernelspec", {}).get("name")
    if name != "livemig":
        raise AssertionError(f"{path}: kernelspec is {name!r}; expected 'livemig'")


def check_outputs(path, nb):
    charts = tables = 0
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        tags = cell.metadata.get("tags", [])
        bundles = [o.get("data", {}) for o in cell.outputs if o.output_type in ("execute_result", "display_data")]
        for o in cell.outputs:
            if o.output_type == "error":
                raise AssertionError(f"{path}: cell {i} raised {o.ename}: {o.evalue}")
        if "expect-table" in tags:
            if not any("<table" in b.get("text/html", "") for b in bundles):
                raise AssertionError(f"{path}: cell {i} should show a table (text/html with <table>), got {[list(b) for b in bundles]}")
            tables += 1
        if "expect-chart" in tags:
            if not any(b.get("image/svg+xml", "").lstrip().startswith("<svg") or "<svg" in b.get("text/html", "")
                       for b in bundles):
                raise AssertionError(f"{path}: cell {i} should show a chart (SVG), got {[list(b) for b in bundles]}")
            charts += 1
        for b in bundles:
            if "image/png" in b:
                raise AssertionError(f"{path}: cell {i} stores a PNG; charts are kept once, as SVG")
            if "image/svg+xml" in b and "<svg" in b.get("text/html", ""):
                raise AssertionError(f"{path}: cell {i} stores its chart twice (SVG and HTML)")
    return tables, charts


def check_html_export(path, nb, charts):
    html, _ = HTMLExporter().from_notebook_node(nb)
    inline_svgs = html.count("<svg")
    if inline_svgs < charts:
        raise AssertionError(f"{path}: the HTML export inlines {inline_svgs} SVG charts; expected at least {charts}")
    # charts must not depend on a script from the network (nbconvert's own template links are allowed)
    for src in re.findall(r'<script[^>]+src="(http[^"]+)"', html):
        if "plotly" in src or "vega" in src:
            raise AssertionError(f"{path}: the HTML export loads {src}; charts must work offline")
    return len(html)


def main(notebook_dir, out_dir=None):
    paths = sorted(glob.glob(os.path.join(notebook_dir, "*.ipynb")))
    if not paths:
        raise AssertionError(f"no notebooks in {notebook_dir}")
    for path in paths:
        committed = nbformat.read(path, as_version=4)
        check_committed_clean(path, committed)
        nb = copy.deepcopy(committed)
        client = NotebookClient(nb, timeout=600, kernel_name=kernel_client.KERNEL_NAME,
                                resources={"metadata": {"path": notebook_dir}})
        client.execute()
        tables, charts = check_outputs(path, nb)
        size = check_html_export(path, nb, charts)
        stored = len(nbformat.writes(nb).encode("utf-8"))  # the file as nbformat stores it
        if stored >= MAX_NOTEBOOK_BYTES:
            raise AssertionError(f"{path}: the executed notebook is {stored / 1e6:.1f} MB; expected under 2 MB")
        if out_dir:
            os.makedirs(out_dir, exist_ok=True)
            nbformat.write(nb, os.path.join(out_dir, os.path.basename(path)))
        print(f"OK {os.path.basename(path)}: {tables} tables, {charts} charts, executed {stored // 1024} KiB, "
              f"HTML export {size // 1024} KiB", flush=True)
    print(f"executed {len(paths)} notebooks")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
