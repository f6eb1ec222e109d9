"""html_check.py PAGE JSON [--all]: checks a page of `pacta check --format
html` (as written, or as a browser's DOM after loading it) against the
report of `--format json` for the same scenario. Prints what is wrong and
exits 1, or exits 0 when:

- the page has a title, a heading and the summary table;
- the summary table has one row per finding shown (every finding with
  --all, else all but not_applicable), in order, each row's data-* and cells
  agreeing with the finding (rule, verdict, actor, events, date, instrument,
  provision), and each row has its finding's article;
- it is self-contained: no element loads anything (no src, no <link>, no
  CSS url() or @import), and every link is a #fragment or a URL the report's
  sources carry (the rules' own links, never invented ones);
- there is one SVG timeline per acting state.
"""
import html.parser
import json
import sys

VERDICT_WORDS = {"violation": "Violation", "no_violation": "No violation",
                 "undetermined": "Undetermined", "not_applicable": "Not applicable"}


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.h1 = ""
        self.rows = []          # (attrs, [cell texts])
        self.articles = []      # ids
        self.links = []         # hrefs
        self.loads = []         # what would load something
        self.svgs = 0
        self.styles = ""
        self.stack = []
        self.in_summary = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.stack.append(tag)
        if tag == "table" and "summary" in (a.get("class") or "").split():
            self.in_summary = True
        elif tag == "tr" and self.in_summary and "data-rule" in a:
            self.rows.append((a, []))
        elif tag == "td" and self.in_summary and self.rows:
            self.rows[-1][1].append("")
        elif tag == "article":
            self.articles.append(a.get("id"))
        elif tag == "a" and "href" in a:
            self.links.append(a["href"])
        elif tag == "svg":
            self.svgs += 1
        if "src" in a or tag in ("link", "iframe", "object", "embed", "base"):
            self.loads.append("<%s %r>" % (tag, a))
        for k, v in a.items():
            if k != "href" and v and ("http:" in v or "https:" in v) and tag != "svg":
                self.loads.append("<%s %s=%r>" % (tag, k, v))

    def handle_endtag(self, tag):
        if tag == "table":
            self.in_summary = False
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data):
        top = self.stack[-1] if self.stack else ""
        if top == "title":
            self.title += data
        elif "h1" in self.stack:
            self.h1 += data
        elif top == "style":
            self.styles += data
        if self.in_summary and self.rows and self.rows[-1][1] and "td" in self.stack:
            self.rows[-1][1][-1] += data


def as_shown(text):
    """What a page shows of text: whitespace controls as spaces, others as U+FFFD, runs collapsed."""
    out = []
    for c in text:
        if c in "\t\n\r\v\f":
            out.append(" ")
        elif ord(c) < 0x20 or 0x7f <= ord(c) < 0xa0:
            out.append("\ufffd")
        else:
            out.append(c)
    return " ".join("".join(out).split())


def check(page_text, doc, all_findings):
    problems = []
    page = Page()
    page.feed(page_text)
    page.close()
    if not page.title.strip() or not page.h1.strip():
        problems.append("no title or no heading")
    title = doc["scenario"].get("title") or doc["scenario"]["file"]
    if as_shown(page.h1) != as_shown(title):
        problems.append("heading %r, the scenario is %r" % (page.h1.strip(), title))
    want = [f for f in doc["findings"] if all_findings or f["verdict"] != "not_applicable"]
    if len(page.rows) != len(want):
        problems.append("%d summary rows for %d findings" % (len(page.rows), len(want)))
    for k, ((a, cells), f) in enumerate(zip(page.rows, want)):
        n = k + 1
        got = (a.get("data-rule"), a.get("data-verdict"), a.get("data-actor"),
               (a.get("data-events") or "").split(), a.get("data-date"),
               a.get("data-instrument"), a.get("data-provision"))
        expected = (f["rule"], f["verdict"], f["actor"], f["events"], f["date"],
                    f["instrument"], f["provision"])
        if got != expected:
            problems.append("row %d is %r, the finding %r" % (n, got, expected))
        cells = [" ".join(c.split()) for c in cells]
        if len(cells) != 7 or cells[0] != str(n) or cells[1] != " → ".join(f["events"]) \
                or cells[2] != f["actor"] or cells[4] != f["date"] \
                or cells[6] != VERDICT_WORDS[f["verdict"]]:
            problems.append("row %d shows %r" % (n, cells))
        if "finding-%d" % n not in page.articles:
            problems.append("row %d has no finding-%d" % (n, n))
    urls = {s.get("url") for s in doc.get("sources", {}).values()} - {None}
    for href in page.links:
        if not href.startswith("#") and href not in urls:
            problems.append("a link the rules do not carry: %r" % href)
    if page.loads:
        problems.append("the page loads something: %r" % page.loads[:3])
    if "url(" in page.styles or "@import" in page.styles:
        problems.append("the stylesheet loads something")
    actors = doc["scenario"].get("actors", [])
    if page.svgs != len(actors):
        problems.append("%d timelines for %d acting states" % (page.svgs, len(actors)))
    return problems


def main():
    page_file, json_file = sys.argv[1], sys.argv[2]
    all_findings = "--all" in sys.argv[3:]
    with open(page_file, encoding="utf-8") as f:
        page_text = f.read()
    with open(json_file, encoding="utf-8") as f:
        doc = json.loads(f.readline())
    problems = check(page_text, doc, all_findings)
    for p in problems:
        print(p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
