#!/usr/bin/env python3
"""Build a 100-venue agenda from the reference sample, as issue 18 measured it.

    scripts/reference-100.py [agendas/tongchuan-2017.json] > ref100.json

Unlike `gen_agenda`, the result keeps everything a real agenda file has: the meeting's
`extra`, phones, categories, long titles, roles, headcount venues, items with speakers
and planned actions. The main venue is the reference one; the 99 branch venues are the
four reference branches again and again (ids `wangyi-2`, `yintai-2` ...). The 332 named
people are copied 104 times (34,528 people, about 6.6 MB): copy k of a branch person goes
to the k-th copy of their branch, copy k of a main-venue person to branch venue k (so
every venue gets its share); ids get a `-k` suffix from the second copy on, and the
names of the copies are the reference names (so search has realistic duplicates).
"""

import json
import sys

COPIES = 104
VENUES = 100


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else "agendas/tongchuan-2017.json"
    with open(path, encoding="utf-8") as f:
        ref = json.load(f)
    main_venue = [v for v in ref["venues"] if v["kind"] == "main"]
    branches = [v for v in ref["venues"] if v["kind"] != "main"]
    venues = list(main_venue)
    # Copy of each reference branch id -> the ids of its copies, in order.
    copies: dict[str, list[str]] = {b["id"]: [] for b in branches}
    n = 0
    while len(venues) < VENUES:
        b = branches[n % len(branches)]
        k = n // len(branches) + 1
        v = dict(b)
        v["id"] = b["id"] if k == 1 else f"{b['id']}-{k}"
        v["name"] = b["name"] if k == 1 else f"{b['name']}（{k}）"
        venues.append(v)
        copies[b["id"]].append(v["id"])
        n += 1
    roster_branches = [v["id"] for v in venues[1:] if v.get("sign_in") != "headcount"]
    people = []
    for k in range(COPIES):
        for p in ref["participants"]:
            q = dict(p)
            if k > 0:
                q["id"] = f"{p['id']}-{k + 1}"
            if p["venue"] in copies:
                ids = copies[p["venue"]]
                q["venue"] = ids[k % len(ids)]
            elif k > 0:
                q["venue"] = roster_branches[(k - 1) % len(roster_branches)]
            people.append(q)
    out = dict(ref)
    out["venues"] = venues
    out["participants"] = people
    # The roster now differs from the reference's expected counts.
    for v in out["venues"]:
        if v.get("sign_in") != "headcount":
            v.pop("expected", None)
    json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
