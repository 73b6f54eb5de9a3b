"""Precision and recall of the post screen on a labelled JSONL file.

    python bench/screening_eval.py ../shared/screening/dev.jsonl [--half even|odd] [--errors]

Each line is {"id", "text", "labels"}; `labels` lists the reason codes the screen must raise
(empty for a benign post). Prints precision, recall and support per code, the false-hold rate
(share of benign posts given any code) and the mean time per post, and ends with one line:

    min_recall=0.930 false_hold_rate=0.031
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from council.moderation.screening import CODES, screen  # noqa: E402

LABELLED_CODES = [code for code in CODES if code != "watched_word"]


def load(path: str, half: str | None = None) -> list[dict]:
    """The labelled posts, optionally only those with an even or odd number in their id."""
    posts = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()
             if line.strip()]
    if half:
        wanted = 0 if half == "even" else 1
        posts = [p for p in posts if int(re.sub(r"\D", "", str(p["id"])) or 0) % 2 == wanted]
    return posts


def evaluate(posts: list[dict]) -> dict:
    """Counts per code, benign false holds, predictions and timing for these posts."""
    counts = {code: {"tp": 0, "fp": 0, "fn": 0} for code in LABELLED_CODES}
    predictions, benign, false_holds = [], 0, 0
    started = time.perf_counter()
    for post in posts:
        predicted = {finding.code for finding in screen(post["text"])}
        predictions.append(predicted)
    elapsed = time.perf_counter() - started
    for post, predicted in zip(posts, predictions):
        expected = set(post["labels"])
        for code in LABELLED_CODES:
            if code in predicted and code in expected:
                counts[code]["tp"] += 1
            elif code in predicted:
                counts[code]["fp"] += 1
            elif code in expected:
                counts[code]["fn"] += 1
        if not expected:
            benign += 1
            false_holds += bool(predicted)
    return {"counts": counts, "predictions": predictions, "benign": benign,
            "false_holds": false_holds, "ms_per_post": 1000 * elapsed / max(len(posts), 1)}


def ratio(part: int, whole: int) -> float:
    """part / whole, or 1.0 when there is nothing to measure."""
    return part / whole if whole else 1.0


def report(posts: list[dict], result: dict, show_errors: bool) -> str:
    """The table, the false-hold rate and the summary line."""
    lines = [f"{'code':<24}{'precision':>10}{'recall':>8}{'support':>9}"]
    recalls = []
    for code, c in result["counts"].items():
        support = c["tp"] + c["fn"]
        precision, recall = ratio(c["tp"], c["tp"] + c["fp"]), ratio(c["tp"], support)
        if support:
            recalls.append(recall)
        lines.append(f"{code:<24}{precision:>10.3f}{recall:>8.3f}{support:>9}")
    false_hold_rate = ratio(result["false_holds"], result["benign"]) if result["benign"] else 0.0
    lines.append(f"posts={len(posts)} benign={result['benign']} "
                 f"held_benign={result['false_holds']} false_hold_rate={false_hold_rate:.3f} "
                 f"ms_per_post={result['ms_per_post']:.3f}")
    if show_errors:
        for post, predicted in zip(posts, result["predictions"]):
            expected = set(post["labels"])
            if predicted != expected:
                missing, extra = sorted(expected - predicted), sorted(predicted - expected)
                lines.append(f"  {post['id']}: missing={missing} extra={extra} "
                             f":: {post['text']}")
    min_recall = min(recalls, default=1.0)
    lines.append(f"min_recall={min_recall:.3f} false_hold_rate={false_hold_rate:.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the screen over a labelled file and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help="a JSONL file of labelled posts")
    parser.add_argument("--half", choices=("even", "odd"), help="only posts with even or odd ids")
    parser.add_argument("--errors", action="store_true", help="list every post screened wrongly")
    args = parser.parse_args(argv)
    posts = load(args.file, args.half)
    print(report(posts, evaluate(posts), args.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
