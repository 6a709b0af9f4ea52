"""The `hanproof` command: check, fix, rules, serve."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__

EXIT_CLEAN, EXIT_FOUND, EXIT_ERROR = 0, 1, 2
DEFAULT_MAX_BYTES = 8 * 1024 * 1024
BATCH_CHARS = 200_000  # files checked together so that Kiwi's threads stay busy


class UsageError(Exception):
    pass


def _split(values) -> list[str]:
    out = []
    for v in values or []:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--select", action="append", metavar="RULES",
                   help="only these rule ids or categories (comma-separated; repeatable)")
    p.add_argument("--enable", action="append", metavar="RULES",
                   help="also turn on these opt-in rules (comma-separated; repeatable)")
    p.add_argument("--ignore", action="append", metavar="RULES",
                   help="skip these rule ids or categories (comma-separated; repeatable)")
    p.add_argument("--config", metavar="FILE", help="configuration file (default: nearest hanproof.toml or "
                   "pyproject.toml with [tool.hanproof], searched upward from each file)")
    p.add_argument("--no-config", action="store_true", help="ignore configuration files")
    p.add_argument("--language", metavar="LANG", help="markdown, plaintext, html, restructuredtext, latex, asciidoc, org, git-commit, python, "
                        "javascript, typescript, java, go, rust, c, cpp (default: from the file name; "
                        "plaintext for stdin)")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, metavar="N",
                   help=f"skip files larger than N bytes (default {DEFAULT_MAX_BYTES // (1024 * 1024)} MB)")
    p.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help="parallelism: 1 = one thread; N > 1 = N processes, each with its own analyser "
                        "(~500 MB each). Default: one process using Kiwi's threads")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="hanproof", description="Offline Korean proofreader (맞춤법 · 띄어쓰기 · 문법).")
    ap.add_argument("--version", action="version", version=f"hanproof {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    c = sub.add_parser("check", help="report problems in files, folders or stdin (-)")
    c.add_argument("paths", nargs="*", metavar="PATH", help="files, folders (walked for .md and .txt, honouring .gitignore) or - for stdin")
    c.add_argument("--format", choices=["text", "json", "sarif", "github"], default="text")
    c.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout")
    c.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    c.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    _add_common(c)

    f = sub.add_parser("fix", help="apply the first suggestion of every finding")
    f.add_argument("paths", nargs="+", metavar="PATH", help="a file, or - for stdin (with --write: files and folders)")
    f.add_argument("-w", "--write", action="store_true", help="edit the files in place (atomically)")
    _add_common(f)

    r = sub.add_parser("rules", help="list rules, or show one rule with its examples")
    r.add_argument("rule", nargs="?", metavar="ID", help="a rule id or a category")
    r.add_argument("--format", choices=["text", "json"], default="text")
    r.add_argument("--check", action="store_true", help="run every rule's examples and report failures")

    s = sub.add_parser("serve", help="run the language server (stdio by default)")
    s.add_argument("--stdio", action="store_true", help="use stdin/stdout (default)")
    s.add_argument("--tcp", type=int, metavar="PORT", help="listen on 127.0.0.1:PORT (for debugging)")
    s.add_argument("--host", default="127.0.0.1")
    return ap


# ---------------------------------------------------------------- config
class ConfigResolver:
    def __init__(self, args):
        from .config import Config, load_config

        self.args = args
        self.cache: dict = {}
        self.explicit = None
        if getattr(args, "config", None):
            self.explicit = load_config(Path(args.config))
        self.base = Config()

    def for_path(self, path: str | None):
        from .config import find_config, load_config

        from dataclasses import replace

        from .config import find_words_file

        args = self.args
        start = Path(path).resolve().parent if path else Path.cwd()
        if self.explicit is not None:
            cfg = self.explicit
        elif args.no_config:
            cfg = self.base
        else:
            if start not in self.cache:
                found = find_config(start)
                cfg = load_config(found) if found else self.base
                words = find_words_file(start)  # the editor's "add to dictionary" list
                if words is not None and words not in cfg.dictionaries:
                    cfg = replace(cfg, dictionaries=cfg.dictionaries + (words,))
                self.cache[start] = cfg
            cfg = self.cache[start]
        return cfg.with_cli(select=_split(args.select), ignore=_split(args.ignore), enable=_split(args.enable))


def _engine():
    from .engine import default_engine
    return default_engine()


# ---------------------------------------------------------------- inputs
def _gather(paths: list[str], allow_dirs: bool = True) -> tuple[list[str], list[str]]:
    from .files import walk

    files, errors = [], []
    for p in paths:
        if p == "-":
            files.append("-")
        elif os.path.isdir(p):
            if not allow_dirs:
                errors.append(f"{p}: is a directory")
            else:
                files.extend(walk(p))
        elif os.path.exists(p):
            files.append(p)
        else:
            errors.append(f"{p}: no such file or directory")
    return files, errors


def _read(path: str, max_bytes: int):
    from .files import decode, read_document

    if path == "-":
        data = sys.stdin.buffer.read()
        return decode(data, "<stdin>")
    return read_document(path, max_bytes)


def _language(args, path: str) -> str:
    from .extract import language_for_path

    if args.language:
        return args.language
    return "plaintext" if path == "-" else language_for_path(path)


class Progress:
    def __init__(self, total: int):
        self.total = total
        self.on = total > 1 and sys.stderr.isatty()

    def step(self, i: int, path: str) -> None:
        if self.on:
            sys.stderr.write(f"\r\x1b[Khanproof: {i}/{self.total} {path[-60:]}")
            sys.stderr.flush()

    def done(self) -> None:
        if self.on:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


# ---------------------------------------------------------------- checking many files
_WORKER_ENGINE = None


def _worker_init() -> None:
    global _WORKER_ENGINE
    from .analysis import Analyzer
    from .engine import Engine
    _WORKER_ENGINE = Engine(analyzer=Analyzer(num_workers=0))  # one thread per process: N processes use N cores


def _worker_check(task):
    from .files import InputError
    path, language, cfg, max_bytes = task
    try:
        doc = _read(path, max_bytes)
    except InputError as e:
        return path, None, str(e)
    return path, doc, _WORKER_ENGINE.check(doc.text, language, cfg)


def _check_files(args, files: list[str], resolver):
    """(path, document, findings) for every file, in order; (path, None, message) when a
    file cannot be read. Sequentially, files are read ahead and checked in batches so Kiwi's
    threads stay busy; with --jobs N, in N processes."""
    from .files import InputError

    progress = Progress(len(files))
    jobs = getattr(args, "jobs", None)
    if jobs is not None and jobs < 1:
        raise UsageError("--jobs must be 1 or more")
    if "-" in files:
        jobs = None if jobs is None or jobs > 1 else 1
    tasks = [(p, _language(args, p), resolver.for_path(None if p == "-" else p), args.max_bytes) for p in files]
    try:
        if jobs is not None and jobs > 1 and len(tasks) > 1:
            from concurrent.futures import ProcessPoolExecutor
            import multiprocessing as mp
            # fork: workers start at once with the lexicon and modules already imported (the
            # parent has loaded no analyser and runs no threads yet); spawn where there is no fork
            ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
            # largest files first keeps both workers busy to the end; results in input order
            def file_size(t):
                try:
                    return os.path.getsize(t[0])
                except OSError:
                    return 0
            order = sorted(range(len(tasks)), key=lambda k: -file_size(tasks[k]))
            with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_worker_init) as pool:
                futures = {k: pool.submit(_worker_check, tasks[k]) for k in order}
                for i in range(len(tasks)):
                    res = futures[i].result()
                    progress.step(i + 1, res[0])
                    yield res
            return
        if jobs == 1:
            from .analysis import Analyzer
            from .engine import Engine
            engine = Engine(analyzer=Analyzer(num_workers=0))
        else:
            engine = _engine()
        batch: list = []
        size = 0

        def flush():
            docs = [(d.text, lang, cfg) for _, d, lang, cfg in batch]
            for (path, doc, _, _), findings in zip(batch, engine.check_many(docs)):
                yield path, doc, findings
            batch.clear()

        for i, (path, lang, cfg, max_bytes) in enumerate(tasks, 1):
            progress.step(i, path)
            try:
                doc = _read(path, max_bytes)
            except InputError as e:
                yield from flush()
                size = 0
                yield path, None, str(e)
                continue
            batch.append((path, doc, lang, cfg))
            size += len(doc.text)
            if size >= BATCH_CHARS:
                yield from flush()
                size = 0
        yield from flush()
    finally:
        progress.done()


# ---------------------------------------------------------------- commands
def cmd_check(args) -> int:
    from . import output

    if not args.paths:
        raise UsageError("nothing to check: give files, folders, or - for stdin")
    resolver = ConfigResolver(args)
    files, errors = _gather(args.paths)
    for e in errors:
        print(f"hanproof: {e}", file=sys.stderr)
    results = []
    for path, doc, findings in _check_files(args, files, resolver):
        if doc is None:
            print(f"hanproof: {findings}", file=sys.stderr)
            errors.append(str(findings))
            continue
        results.append((doc.path, doc.text, findings))

    total = sum(len(fs) for _, _, fs in results)
    if args.format == "json":
        report = output.dumps([d for p, t, fs in results for d in output.located(p, t, fs)])
    elif args.format == "sarif":
        from .rules.loader import load_lexicon
        report = output.dumps(output.sarif(results, load_lexicon().rules))
    elif args.format == "github":
        report = "\n".join(x for x in (output.format_github(p, t, fs) for p, t, fs in results) if x)
    else:
        color = args.color == "always" or (args.color == "auto" and not args.output and sys.stdout.isatty()
                                           and not os.environ.get("NO_COLOR"))
        report = "\n".join(x for x in (output.format_text(p, t, fs, color) for p, t, fs in results) if x)
    if args.output:
        from .files import write_atomic
        write_atomic(args.output, (report + "\n").encode("utf-8"))
    elif report:
        _write_stdout(report + "\n")
    if args.format == "text" and not args.quiet:
        nfiles = len(results)
        msg = f"{total} problem{'s' if total != 1 else ''} in {nfiles} file{'s' if nfiles != 1 else ''}"
        print(msg if total else f"no problems in {nfiles} file{'s' if nfiles != 1 else ''}", file=sys.stderr)
    if errors:
        return EXIT_ERROR
    return EXIT_FOUND if total else EXIT_CLEAN


def cmd_fix(args) -> int:
    from .files import encode, write_atomic
    from .fixes import fix_until_stable

    resolver = ConfigResolver(args)
    if not args.write:
        if len(args.paths) != 1:
            raise UsageError("fix without --write takes one file or - (use --write for several)")
        if os.path.isdir(args.paths[0]):
            raise UsageError(f"{args.paths[0]}: is a directory (use --write to fix files in place)")
    elif "-" in args.paths:
        raise UsageError("--write cannot be used with - (stdin)")
    files, errors = _gather(args.paths, allow_dirs=args.write)
    for e in errors:
        print(f"hanproof: {e}", file=sys.stderr)
    if errors and not files:
        return EXIT_ERROR
    changed = 0
    for path, doc, findings in _check_files(args, files, resolver):
        if doc is None:
            print(f"hanproof: {findings}", file=sys.stderr)
            errors.append(str(findings))
            continue
        # later passes use the shared engine: paragraphs the last pass left alone are cached
        fixed, applied = fix_until_stable(
            lambda t: _engine().check(t, _language(args, path), resolver.for_path(None if path == "-" else path)),
            doc.text, findings)
        if args.write:
            if fixed != doc.text:
                write_atomic(path, encode(doc, fixed))
                changed += 1
                print(f"fixed {len(applied)} in {path}", file=sys.stderr)
        else:
            if path == "-":
                sys.stdout.buffer.write(fixed.encode("utf-8"))
                sys.stdout.buffer.flush()
            else:
                sys.stdout.buffer.write(encode(doc, fixed) if doc.encoding == "utf-8" else fixed.encode("utf-8"))
                sys.stdout.buffer.flush()
    if args.write:
        print(f"{changed} file{'s' if changed != 1 else ''} changed", file=sys.stderr)
    return EXIT_ERROR if errors else EXIT_CLEAN


def cmd_rules(args) -> int:
    from .model import CATEGORIES
    from .rules.loader import load_lexicon

    if args.check:
        from .rules.selftest import check_all
        engine = _engine()
        problems = check_all(engine)
        for p in problems:
            print(p)
        n = len(engine.registry.rules)
        examples = sum(len(r.bad) + len(r.good) for r in engine.registry.rules)
        print(f"{n} rules, {examples} examples: {len(problems)} failed", file=sys.stderr)
        return EXIT_FOUND if problems else EXIT_CLEAN
    registry = load_lexicon()
    rules = registry.rules
    if args.rule:
        sel = [r for r in rules if r.matches_selector(args.rule)]
        if not sel:
            raise UsageError(f"no rule or category '{args.rule}' (categories: {', '.join(CATEGORIES)})")
        if args.format == "json":
            _write_stdout(json.dumps([_rule_dict(r) for r in sel], ensure_ascii=False, indent=2) + "\n")
            return EXIT_CLEAN
        if len(sel) > 1 or args.rule != sel[0].id:
            _write_stdout("".join(_rule_line(r) for r in sel))
            return EXIT_CLEAN
        _write_stdout(_rule_detail(sel[0]))
        return EXIT_CLEAN
    if args.format == "json":
        _write_stdout(json.dumps([_rule_dict(r, examples=False) for r in rules], ensure_ascii=False, indent=2) + "\n")
    else:
        _write_stdout("".join(_rule_line(r) for r in rules))
    return EXIT_CLEAN


def _rule_line(r) -> str:
    off = "" if r.enabled else "  (off by default)"
    extra = f" [{len(r.entries)} words]" if r.entries else ""
    return f"{r.id:<34} {r.category:<12} {r.severity:<11} {r.message}{extra}{off}\n"


def _rule_dict(r, examples: bool = True) -> dict:
    d = {"id": r.id, "category": r.category, "severity": r.severity, "enabled": r.enabled,
         "message": r.message, "explanation": r.explanation, "norm": r.norm, "source": r.location}
    if examples:
        d["bad"] = [{"text": e.text, "spans": [list(s) for s in e.spans], "fixed": e.fixed} for e in r.bad]
        d["good"] = r.good
        if r.entries:
            d["entries"] = [{"wrong": e.wrong, "right": list(e.rights), "note": e.note} for e in r.entries]
    return d


def _rule_detail(r) -> str:
    out = [f"{r.id}  ({r.category}, {r.severity}{'' if r.enabled else ', off by default'})", "",
           f"  {r.message}", ""]
    if r.explanation:
        out += [f"  {r.explanation}", ""]
    if r.norm:
        out += [f"  규범: {r.norm}", ""]
    if r.entries:
        out.append(f"  {len(r.entries)} entries:")
        for e in r.entries:
            out.append(f"    {e.wrong} → {' | '.join(e.rights)}" + (f"   ({e.note})" if e.note else ""))
        out.append("")
    elif r.bad:
        out.append("  틀린 예:")
        for e in r.bad:
            marked, pos = [], 0
            for a, b in e.spans:
                marked.append(e.text[pos:a] + "[" + e.text[a:b] + "]")
                pos = b
            marked.append(e.text[pos:])
            out.append(f"    ✗ {''.join(marked)}" + (f"  →  {e.fixed}" if e.fixed else ""))
        out.append("")
    if r.good and not r.entries:
        out.append("  바른 예:")
        out += [f"    ✓ {g}" for g in r.good]
        out.append("")
    out.append(f"  defined in {r.location}")
    return "\n".join(out) + "\n"


def cmd_serve(args) -> int:
    from .lsp.server import run
    return run(tcp=args.tcp, host=args.host)


def _write_stdout(s: str) -> None:
    buf = getattr(sys.stdout, "buffer", None)
    if buf is None:  # replaced by a text stream (tests, embedding programs)
        sys.stdout.write(s)
        sys.stdout.flush()
        return
    buf.write(s.encode("utf-8"))
    buf.flush()


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    from .config import ConfigError
    from .rules.loader import LexiconError

    handlers = {"check": cmd_check, "fix": cmd_fix, "rules": cmd_rules, "serve": cmd_serve}
    try:
        return handlers[args.command](args)
    except UsageError as e:
        print(f"hanproof {args.command}: {e}", file=sys.stderr)
        return EXIT_ERROR
    except ConfigError as e:
        print(f"hanproof: configuration error: {e}", file=sys.stderr)
        return EXIT_ERROR
    except LexiconError as e:
        print("hanproof: the lexicon is invalid:\n" + "\n".join(f"  {p}" for p in e.problems), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("hanproof: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return EXIT_ERROR
    except Exception as e:  # never a traceback for the user; HANPROOF_DEBUG=1 shows it
        if os.environ.get("HANPROOF_DEBUG"):
            raise
        print(f"hanproof: internal error: {type(e).__name__}: {e} (set HANPROOF_DEBUG=1 for details; please report)",
              file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    raise SystemExit(main())
