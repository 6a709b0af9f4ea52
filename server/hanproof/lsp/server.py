"""The hanproof language server (pygls 2, lsprotocol 2025).

Behaviour, in the order a session sees it:

* ``initialize`` answers at once; Kiwi loads in a worker thread after ``initialized``
  (with a work-done progress when the client supports it). Checks wait for it.
* Position encoding: the client's preference among UTF-8, UTF-16 and UTF-32
  (``general.positionEncodings``), UTF-16 when it names none. Every offset ↔ position
  conversion goes through :class:`hanproof.textindex.LineIndex`.
* Documents are kept by the server (:mod:`.documents`), synced incrementally. After an
  edit the check waits for the debounce (``debounce`` ms, default 150; a newer edit
  cancels it), extracts only the changed chunks (:mod:`.chunks`), analyses the edited
  paragraph first and then whatever else is not in the engine's paragraph cache (in
  batches, so a newer edit can cancel a long cold check between batches; partial
  results of a long cold check are published as they come), and publishes with the
  document version. Results computed for an outdated version are dropped.
* Diagnostics are pushed (``textDocument/publishDiagnostics``), except to clients that
  support pull diagnostics *and* ``workspace/diagnostic/refresh``: those pull
  (``textDocument/diagnostic``) and are sent a refresh when the configuration or the
  word list changes. (Neovim supports pull but not refresh, so it gets push.) Only
  pull clients are told about ``diagnosticProvider``; a pull request from any client is
  still answered.
* Hover, code actions and commands: see :mod:`.convert`, :mod:`.settings`.
* Every request gets a result or a JSON-RPC error, malformed messages included; errors
  go to stderr and ``window/logMessage``, never stdout.
"""
from __future__ import annotations

import asyncio
import logging
import re
import sys
import time
import traceback
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.exceptions import (FeatureNotificationError, FeatureRequestError, JsonRpcException,
                              JsonRpcInvalidParams)
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from .. import __version__
from ..model import Finding
from ..textindex import LineIndex
from . import convert
from .documents import Document, uri_to_path
from .settings import WATCHED_NAMES, Settings, WorkspaceFileError, add_word, check_word, disable_rule

log = logging.getLogger("hanproof.lsp")

REQUEST_FAILED = -32803
SERVER_NOT_INITIALIZED = -32002
INVALID_REQUEST = -32600

FIRST_BATCH_CHARS = 1500    # the edited paragraph (and neighbours up to this size) go first
BATCH_CHARS = 8000          # later batches: ~0.3 s of Kiwi each; cancellation point between
PROGRESS_CHARS = 20000      # a check with more uncached text than this reports progress
PARTIAL_EVERY = 1.0         # seconds between partial publishes of a long cold check
ACTION_WAIT = 3.0           # hover/code actions wait this long for the current version

_RULE_SELECTOR = re.compile(r"^[A-Za-z*][A-Za-z0-9_.\-*]*$")


class RequestFailed(JsonRpcException):
    CODE = REQUEST_FAILED


def invalid(msg: str) -> JsonRpcInvalidParams:
    return JsonRpcInvalidParams(message=msg)


# ---------------------------------------------------------------- protocol
@dataclass
class _Unreadable:
    """A request or response whose params/result could not be structured."""

    id: Any
    method: str | None
    error: str


class HanproofProtocol(LanguageServerProtocol):
    """pygls' protocol, with three changes: documents are not kept in pygls' workspace
    (the server applies changes itself, see documents.py); a request whose params cannot
    be read is answered with InvalidParams (pygls only logs it); and requests before
    `initialize` or after `shutdown` are answered with an error instead of dropped."""

    _server: "HanproofServer"

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params):
        if (h := self.fm.features.get(types.TEXT_DOCUMENT_DID_OPEN)) is not None:
            yield h, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params):
        if (h := self.fm.features.get(types.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield h, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params):
        if (h := self.fm.features.get(types.TEXT_DOCUMENT_DID_CLOSE)) is not None:
            yield h, (params,), None

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(self, params):
        result = yield from super().lsp_initialize(params)
        self._server.adjust_capabilities(result)
        return result

    def structure_message(self, data):
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if isinstance(data, dict) and "id" in data and isinstance(data.get("id"), (int, str)):
                return _Unreadable(data["id"], data.get("method") if "method" in data else None,
                                   _describe(exc.__cause__ or exc))
            raise

    def handle_message(self, message):
        if isinstance(message, _Unreadable):
            if message.method is not None:
                self._server.log_message(f"invalid params for {message.method}: {message.error}",
                                         types.MessageType.Warning)
                self._send_response(message.id, error=types.ResponseError(
                    code=JsonRpcInvalidParams.CODE, message=f"invalid params for {message.method}: {message.error}"))
            else:  # a response to one of our requests that we cannot read: fail that request
                self._handle_response(message.id, None, types.ResponseError(
                    code=JsonRpcInvalidParams.CODE, message=f"unreadable response: {message.error}"))
            return
        if not hasattr(message, "jsonrpc"):
            if isinstance(message, dict) and isinstance(message.get("id"), (int, str)) and "method" in message:
                self._send_response(message["id"], error=types.ResponseError(
                    code=INVALID_REQUEST, message="not a JSON-RPC 2.0 request"))
            self._server.log_message(f"ignored a message that is not JSON-RPC: {str(message)[:200]}",
                                     types.MessageType.Warning)
            return
        method = getattr(message, "method", None)
        is_request = method is not None and hasattr(message, "id")
        if is_request and method != types.INITIALIZE and not self._server.initialized_:
            self._send_response(message.id, error=types.ResponseError(
                code=SERVER_NOT_INITIALIZED, message="the server is not initialized yet"))
            return
        if is_request and self._shutdown:
            self._send_response(message.id, error=types.ResponseError(
                code=INVALID_REQUEST, message="the server is shutting down"))
            return
        super().handle_message(message)


def _describe(exc: BaseException) -> str:
    """'required field missing @ $.params.position' rather than cattrs' exception group."""
    try:
        from cattrs import transform_error
        msgs = transform_error(exc, path="$")
        if msgs:
            return "; ".join(msgs[:5])
    except Exception:  # noqa: BLE001
        pass
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


class _QuietExpected(logging.Filter):
    """pygls logs a traceback for every error response; expected ones (invalid params,
    unknown documents, unreadable messages we answer ourselves) are kept to one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, SystemExit):
            return False  # pygls' `exit` in TCP mode: asyncio reports the SystemExit
        msg = record.getMessage() if record.name.startswith("pygls") else ""
        if isinstance(exc, (JsonRpcInvalidParams, RequestFailed)):
            record.msg, record.args = "%s", (f"error response: {exc.message}",)
        elif msg.startswith(("Unable to deserialize", "Unable to handle")):
            record.msg, record.args = "%s", (msg.splitlines()[0],)
        else:
            return True
        record.exc_info = None
        record.exc_text = None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


# ---------------------------------------------------------------- per document
@dataclass
class Result:
    version: int | None
    gen: int
    text: str
    index: LineIndex
    findings: list[Finding]
    diagnostics: list[types.Diagnostic]
    result_id: str


class DocState:
    def __init__(self, doc: Document):
        self.doc = doc
        self.task: asyncio.Task | None = None
        self.inflight: Future | None = None
        self.result: Result | None = None
        self.closed = False
        self.debounce_ms = 150
        self.error: tuple[int | None, int, str] | None = None  # (version, config gen, message)
        self._changed = asyncio.Event()

    def notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def wait_change(self) -> None:
        await self._changed.wait()


# ---------------------------------------------------------------- server
class HanproofServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("hanproof", __version__, protocol_cls=HanproofProtocol,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental, max_workers=4)
        self.docs: dict[str, DocState] = {}
        self.settings = Settings()
        self.encoding = "utf-16"
        self.initialized_ = False
        self.pull_mode = False
        self.engine = None
        self.load_error: str | None = None
        self._loading: asyncio.Task | None = None
        self._ready = asyncio.Event()
        self.config_gen = 0
        self._result_counter = 0
        self.check_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="hanproof-check")
        self._reported: set[str] = set()
        self._init_settings: Any = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.caps: dict[str, Any] = {}

    # ------------------------------------------------------------ logging
    def log_message(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        """To stderr and, when connected, to window/logMessage (from any thread)."""
        level = {types.MessageType.Error: logging.ERROR, types.MessageType.Warning: logging.WARNING}.get(
            kind, logging.INFO)
        log.log(level, "%s", message)
        loop = self._loop
        if loop is None or self.protocol.writer is None:
            return

        def send():
            try:
                self.window_log_message(types.LogMessageParams(type=kind, message=f"hanproof: {message}"))
            except Exception:  # noqa: BLE001 - logging must never fail a handler
                pass

        try:
            if _running_loop() is loop:
                send()
            else:
                loop.call_soon_threadsafe(send)
        except RuntimeError:  # the loop is closed
            pass

    def report_once(self, message: str, kind=types.MessageType.Warning) -> None:
        """A configuration problem: logged, and shown once per distinct message."""
        self.log_message(message, kind)
        if message in self._reported:
            return
        self._reported.add(message)
        try:
            self.window_show_message(types.ShowMessageParams(type=kind, message=f"hanproof: {message}"))
        except Exception:  # noqa: BLE001
            pass

    def report_server_error(self, error: Exception, source) -> None:
        # pygls' default pops up a message for every notification error; log instead
        if source is FeatureRequestError:
            return
        what = "notification" if source is FeatureNotificationError else "message"
        self.log_message(f"error while handling a {what}: {error}", types.MessageType.Error)

    # ------------------------------------------------------------ initialize
    def on_initialize(self, params: types.InitializeParams) -> None:
        self._loop = asyncio.get_running_loop()
        caps = params.capabilities
        enc = self.workspace.position_encoding
        enc = getattr(enc, "value", enc) or "utf-16"
        self.encoding = enc if enc in ("utf-8", "utf-16", "utf-32") else "utf-16"
        g = lambda path, default=None: get_capability(caps, path, default)  # noqa: E731
        self.caps = {
            "progress": bool(g("window.work_done_progress", False)),
            "configuration": bool(g("workspace.configuration", False)),
            "config_dynamic": bool(g("workspace.did_change_configuration.dynamic_registration", False)),
            "watch_dynamic": bool(g("workspace.did_change_watched_files.dynamic_registration", False)),
            "apply_edit": bool(g("workspace.apply_edit", False)),
            "document_changes": bool(g("workspace.workspace_edit.document_changes", False)),
            "refresh": bool(g("workspace.diagnostics.refresh_support", False)),
            "pull": g("text_document.diagnostic", None) is not None,
            "hover_markdown": types.MarkupKind.Markdown in (g("text_document.hover.content_format", None)
                                                            or [types.MarkupKind.Markdown]),
        }
        self.pull_mode = self.caps["pull"] and self.caps["refresh"]
        folders = [uri_to_path(f.uri) for f in (params.workspace_folders or [])]
        if params.root_uri:
            folders.append(uri_to_path(params.root_uri))
        elif params.root_path:
            folders.append(Path(params.root_path))
        self.settings.set_folders([f for f in folders if f is not None])
        self._init_settings = params.initialization_options
        err = self.settings.set_editor(self._editor_raw(None))
        if err:
            self.report_once(err)
        self.initialized_ = True

    def adjust_capabilities(self, result: types.InitializeResult) -> None:
        caps = result.capabilities
        caps.position_encoding = self.encoding
        if not self.pull_mode:
            caps.diagnostic_provider = None

    def _editor_raw(self, pulled: Any) -> dict:
        raw: dict = {}
        init = self._init_settings
        if isinstance(init, dict):
            if isinstance(init.get("settings"), dict):
                init = init["settings"]
            raw.update(init.get("hanproof") if isinstance(init.get("hanproof"), dict) else init)
        if isinstance(pulled, dict):
            raw.update(pulled)
        return raw

    async def on_initialized(self) -> None:
        self.start_loading()
        regs = []
        if self.caps.get("config_dynamic"):
            regs.append(types.Registration(
                id=str(uuid.uuid4()), method=types.WORKSPACE_DID_CHANGE_CONFIGURATION,
                register_options=types.DidChangeConfigurationRegistrationOptions(section="hanproof")))
        if self.caps.get("watch_dynamic"):
            regs.append(types.Registration(
                id=str(uuid.uuid4()), method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=[
                    types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in WATCHED_NAMES])))
        if regs:
            asyncio.get_running_loop().create_task(self._register(regs))
        if await self.pull_configuration():
            self.config_changed(refresh=False)

    async def _register(self, regs: list[types.Registration]) -> None:
        try:
            await asyncio.wait_for(self.client_register_capability_async(
                types.RegistrationParams(registrations=regs)), 30)
        except Exception as e:  # noqa: BLE001 - a client may refuse; didSave and mtimes still work
            self.log_message(f"could not register for configuration/file changes: {e}")

    async def pull_configuration(self) -> bool:
        """Read the `hanproof` section of the client's settings; True if it changed."""
        if not self.caps.get("configuration"):
            return False
        try:
            res = await asyncio.wait_for(self.workspace_configuration_async(types.ConfigurationParams(
                items=[types.ConfigurationItem(section="hanproof")])), 10)
        except Exception as e:  # noqa: BLE001
            self.log_message(f"workspace/configuration failed: {e}", types.MessageType.Warning)
            return False
        pulled = res[0] if isinstance(res, (list, tuple)) and res else None
        before = self.settings.editor
        err = self.settings.set_editor(self._editor_raw(pulled))
        if err:
            self.report_once(err)
        return self.settings.editor != before

    # ------------------------------------------------------------ engine
    def start_loading(self) -> None:
        if self._loading is None:
            self._loading = asyncio.get_running_loop().create_task(self._load())

    async def _load(self) -> None:
        t0 = time.monotonic()
        job = asyncio.get_running_loop().run_in_executor(self.check_pool, _load_engine)
        token = await self.progress_begin("hanproof", "형태소 분석기를 불러오는 중…")
        try:
            self.engine = await job
            self.log_message(f"ready in {time.monotonic() - t0:.1f} s "
                             f"({len(self.engine.registry.rules)} rules, position encoding {self.encoding}, "
                             f"{'pull' if self.pull_mode else 'push'} diagnostics)")
        except Exception as e:  # noqa: BLE001
            self.load_error = f"could not load the analyser: {e}"
            self.report_once(self.load_error, types.MessageType.Error)
        finally:
            self._ready.set()
            self.progress_end(token, "준비 완료" if self.engine is not None else "실패")

    async def wait_ready(self) -> None:
        self.start_loading()
        await self._ready.wait()
        if self.engine is None:
            raise RequestFailed(self.load_error or "the analyser is not available")

    # ------------------------------------------------------------ progress
    async def progress_begin(self, title: str, message: str) -> str | None:
        if not self.caps.get("progress"):
            return None
        token = f"hanproof-{uuid.uuid4()}"
        try:
            await asyncio.wait_for(self.work_done_progress.create_async(token), 5)
            self.work_done_progress.begin(token, types.WorkDoneProgressBegin(
                title=title, message=message, percentage=0, cancellable=False))
        except Exception:  # noqa: BLE001 - progress is decoration
            return None
        return token

    def progress_report(self, token: str | None, message: str, percentage: int) -> None:
        if token:
            self.work_done_progress.report(token, types.WorkDoneProgressReport(
                message=message, percentage=max(0, min(100, percentage))))

    def progress_end(self, token: str | None, message: str) -> None:
        if token:
            try:
                self.work_done_progress.end(token, types.WorkDoneProgressEnd(message=message))
            except Exception:  # noqa: BLE001
                pass

    # ------------------------------------------------------------ documents
    def state(self, uri: str) -> DocState:
        st = self.docs.get(uri)
        if st is None:
            raise invalid(f"unknown document {uri} (not opened with textDocument/didOpen)")
        return st

    def checked_offset(self, doc: Document, pos: types.Position) -> int:
        if pos.line < 0 or pos.character < 0:
            raise invalid(f"position {pos.line}:{pos.character} is negative")
        if pos.line >= doc.index.line_count:
            raise invalid(f"position {pos.line}:{pos.character} is outside the document "
                          f"({doc.index.line_count} lines)")
        return doc.offset(pos, self.encoding)

    def open(self, item: types.TextDocumentItem) -> None:
        old = self.docs.pop(item.uri, None)
        if old is not None:
            self._close_state(old)
        st = DocState(Document(item.uri, item.language_id, item.version, item.text))
        self.docs[item.uri] = st
        self.schedule(st, 0)

    def change(self, params: types.DidChangeTextDocumentParams) -> None:
        st = self.docs.get(params.text_document.uri)
        if st is None:
            self.log_message(f"didChange for a document that is not open: {params.text_document.uri}",
                             types.MessageType.Warning)
            return
        st.doc.apply_changes(params.content_changes, params.text_document.version, self.encoding)
        self.schedule(st, st.debounce_ms / 1000)

    def close(self, uri: str) -> None:
        st = self.docs.pop(uri, None)
        if st is not None:
            self._close_state(st)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def _close_state(self, st: DocState) -> None:
        st.closed = True
        if st.task is not None and not st.task.done():
            st.task.cancel()
        st.notify()

    def config_changed(self, refresh: bool = True) -> None:
        """Configuration, project file or word list changed: check every open document again."""
        self.config_gen += 1
        self.settings.forget_project_files()
        for st in list(self.docs.values()):
            self.schedule(st, 0)
        if refresh and self.pull_mode:
            try:
                self.workspace_diagnostic_refresh(None)
            except Exception as e:  # noqa: BLE001
                self.log_message(f"workspace/diagnostic/refresh failed: {e}")

    # ------------------------------------------------------------ checking
    def schedule(self, st: DocState, delay: float) -> None:
        if st.task is not None and not st.task.done():
            st.task.cancel()
        st.task = asyncio.get_running_loop().create_task(self._check(st, delay))

    async def _job(self, st: DocState, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None) -> Any:
        """Run fn in the check pool, after the document's previous job. The awaiting task
        may be cancelled, the job is not: its result is unused (or cached by the engine),
        except that `on_done(result)` runs on the event loop whenever it succeeds."""
        prev = st.inflight
        if prev is not None and not prev.done():
            try:
                await asyncio.shield(asyncio.wrap_future(prev))
            except Exception:  # noqa: BLE001 - the previous job's own failure
                pass
        cf = self.check_pool.submit(fn)
        st.inflight = cf
        if on_done is not None:
            loop = asyncio.get_running_loop()

            def done(f: Future) -> None:
                if not f.cancelled() and f.exception() is None:
                    loop.call_soon_threadsafe(on_done, f.result())
            cf.add_done_callback(done)
        return await asyncio.shield(asyncio.wrap_future(cf))

    async def _check(self, st: DocState, delay: float) -> None:
        version, gen = st.doc.version, self.config_gen
        try:
            if delay > 0:
                await asyncio.sleep(delay)
            await self.wait_ready()
            version, gen = st.doc.version, self.config_gen
            await self._run_check(st)
        except asyncio.CancelledError:
            pass
        except RequestFailed:
            st.notify()
        except Exception as e:  # noqa: BLE001 - a failed check must not stop the server
            if self.protocol._shutdown:
                return
            st.error = (version, gen, f"checking {st.doc.uri} failed: {e}")
            self.log_message(f"{st.error[2]}\n{traceback.format_exc()}", types.MessageType.Error)
            st.notify()

    async def _run_check(self, st: DocState) -> None:
        doc = st.doc
        engine = self.engine
        version, text, lang, focus, gen = doc.version, doc.text, doc.language_id, doc.focus, self.config_gen
        job = doc.extraction_job()
        settings, encoding = self.settings, self.encoding

        def prepare():
            cfg, errors = settings.config_for(doc.path)
            installable, ex = job(bool(getattr(cfg, "strings", False)))
            todo = [i for i, p in enumerate(ex.paragraphs) if not engine.is_cached(p, cfg)]
            return installable, ex, cfg, errors, todo

        # the chunks are kept even if this check is cancelled meanwhile
        installable, ex, cfg, errors, todo = await self._job(st, prepare, lambda r: doc.install_chunks(r[0]))
        st.debounce_ms = cfg.debounce_ms
        for e in errors:
            self.report_once(e)

        paragraphs = ex.paragraphs
        if todo:
            batches = _batches(paragraphs, todo, focus)
            total = sum(len(paragraphs[i].text) for i in todo)
            token = None
            if total > PROGRESS_CHARS:
                token = await self.progress_begin("hanproof", f"검사 중… ({total:,}자)")
            try:
                done = 0
                remaining = set(todo)
                last_publish = time.monotonic()
                for k, batch in enumerate(batches):
                    ps = [paragraphs[i] for i in batch]
                    await self._job(st, lambda ps=ps: engine.paragraph_hits(ps, cfg))
                    remaining.difference_update(batch)
                    done += sum(len(p.text) for p in ps)
                    self.progress_report(token, f"{done:,}/{total:,}자", done * 100 // max(1, total))
                    now = time.monotonic()
                    if remaining and not self.pull_mode and (k == 0 or now - last_publish > PARTIAL_EVERY):
                        sub = type(ex)([p for i, p in enumerate(paragraphs) if i not in remaining],
                                       ex.suppressions)
                        part = await self._job(st, lambda sub=sub: _finish(engine, text, lang, cfg, sub,
                                                                             encoding, version))
                        if not st.closed and doc.version == version:
                            self.publish(st.doc.uri, part[1], version)
                        last_publish = time.monotonic()
            finally:
                self.progress_end(token, "")

        findings, diags, index = await self._job(st, lambda: _finish(engine, text, lang, cfg, ex, encoding, version))
        if st.closed or doc.version != version:
            return  # outdated: never published
        self._result_counter += 1
        st.result = Result(version, gen, text, index, findings, diags, f"{version}.{gen}.{self._result_counter}")
        st.notify()
        if not self.pull_mode:
            self.publish(doc.uri, diags, version)

    def publish(self, uri: str, diags: list[types.Diagnostic], version: int | None) -> None:
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, diagnostics=diags, version=version))

    async def current_result(self, st: DocState, timeout: float | None = None) -> Result:
        """The result for the document's current version and configuration (checking now,
        without debounce, if none is on its way)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            if st.closed:
                raise RequestFailed(f"{st.doc.uri} was closed")
            r = st.result
            if r is not None and r.version == st.doc.version and r.gen == self.config_gen:
                return r
            if self._ready.is_set() and self.engine is None:
                raise RequestFailed(self.load_error or "the analyser is not available")
            if st.error is not None and st.error[:2] == (st.doc.version, self.config_gen):
                raise RequestFailed(st.error[2])
            if st.task is None or st.task.done():
                self.schedule(st, 0)
            wait = st.wait_change()
            if deadline is None:
                await wait
            else:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise asyncio.TimeoutError
                await asyncio.wait_for(wait, left)

    async def result_for_actions(self, st: DocState) -> Result | None:
        try:
            return await self.current_result(st, ACTION_WAIT)
        except asyncio.TimeoutError:
            r = st.result
            return r if r is not None and r.version == st.doc.version else None

    # ------------------------------------------------------------ features
    def hover(self, st: DocState, off: int, res: Result | None) -> types.Hover | None:
        if res is None or self.engine is None:
            return None
        hits = [f for f in res.findings if f.start <= off < f.end] or \
               [f for f in res.findings if f.start <= off <= f.end]
        if not hits:
            return None
        md = self.caps.get("hover_markdown", True)
        parts = []
        for f in hits[:3]:
            rule = self.engine.registry.by_id.get(f.rule)
            parts.append(convert.hover_markdown(f, rule, res.text[f.start:f.end], markdown=md))
        value = ("\n\n---\n\n" if md else "\n\n----\n\n").join(parts)
        a = min(f.start for f in hits)
        b = max(f.end for f in hits)
        return types.Hover(contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown if md else types.MarkupKind.PlainText, value=value),
            range=st.doc.range(a, b, self.encoding))

    def code_actions(self, st: DocState, params: types.CodeActionParams, res: Result | None) -> list:
        doc = st.doc
        uri = doc.uri
        enc = self.encoding
        only = params.context.only
        dc = self.caps.get("document_changes", False)

        def wanted(kind: str) -> bool:
            if not only:
                return True
            return any(kind == o or kind.startswith(o + ".") for o in (getattr(o, "value", o) for o in only))

        actions: list[types.CodeAction] = []
        text = doc.text
        index = doc.index
        rules = self.engine.registry.by_id if self.engine is not None else {}

        if wanted(convert.QUICKFIX):
            items: list[tuple[str, int, int, list[str], types.Diagnostic | None]] = []
            for d in params.context.diagnostics or []:
                data = d.data if isinstance(d.data, dict) else None
                if d.source != convert.SOURCE or data is None or not isinstance(data.get("rule"), str):
                    continue
                s = doc.offset(d.range.start, enc)
                e = doc.offset(d.range.end, enc)
                if text[s:e] != data.get("text"):
                    span = data.get("span")
                    if (data.get("version") == doc.version and isinstance(span, list) and len(span) == 2
                            and text[span[0]:span[1]] == data.get("text")):
                        s, e = span
                    else:
                        continue  # the text changed since: this diagnostic is stale
                sugg = [x for x in data.get("suggestions") or [] if isinstance(x, str)]
                items.append((data["rule"], s, e, sugg, d))
            if not items and res is not None and res.version == doc.version:
                a = self.checked_offset(doc, params.range.start)
                b = self.checked_offset(doc, params.range.end)
                for f in res.findings:
                    if f.start <= b and a <= f.end:
                        items.append((f.rule, f.start, f.end, list(f.suggestions), None))
            seen_rules: set[str] = set()
            seen_words: set[str] = set()
            later: list[types.CodeAction] = []
            for rule_id, s, e, sugg, d in items:
                rng = doc.range(s, e, enc)
                diag = [d] if d is not None else None
                span_text = text[s:e]
                for k, sg in enumerate(sugg[:5]):
                    if any(c in span_text + sg for c in "\r\n"):
                        continue
                    actions.append(types.CodeAction(
                        title=f"'{sg}'{_ro(sg)} 고치기", kind=types.CodeActionKind.QuickFix,
                        diagnostics=diag, is_preferred=(k == 0),
                        edit=convert.workspace_edit(uri, doc.version, [types.TextEdit(range=rng, new_text=sg)], dc)))
                if rule_id in seen_rules:
                    continue
                seen_rules.add(rule_id)
                if res is not None and res.version == doc.version:
                    same = [f for f in res.findings if f.rule == rule_id]
                    edits = convert.fix_edits(text, index, same, enc)
                    if len(edits) > 1:
                        later.append(types.CodeAction(
                            title=f"문서의 {rule_id} 문제 모두 고치기 ({len(edits)}곳)",
                            kind=types.CodeActionKind.QuickFix, diagnostics=diag,
                            edit=convert.workspace_edit(uri, doc.version, edits, dc)))
                sup = convert.suppression_edit(text, index, doc.language_id, rule_id, s, enc)
                if sup is not None:
                    later.append(types.CodeAction(
                        title=f"이 줄에서 {rule_id} 무시하기 (주석 추가)", kind=types.CodeActionKind.QuickFix,
                        diagnostics=diag, edit=convert.workspace_edit(uri, doc.version, [sup], dc)))
                rule = rules.get(rule_id)
                word = span_text.strip()
                if (word and word not in seen_words and (rule is None or rule.category not in ("spacing", "punctuation"))
                        and not any(c.isspace() for c in word) and "#" not in word):
                    seen_words.add(word)
                    later.append(types.CodeAction(
                        title=f"'{word}'{_eul(word)} 작업 공간 단어장에 추가", kind=types.CodeActionKind.QuickFix,
                        diagnostics=diag, command=types.Command(
                            title="단어장에 추가", command="hanproof.addWord",
                            arguments=[{"uri": uri, "word": word}])))
                later.append(types.CodeAction(
                    title=f"작업 공간에서 {rule_id} 규칙 끄기", kind=types.CodeActionKind.QuickFix,
                    diagnostics=diag, command=types.Command(
                        title="규칙 끄기", command="hanproof.disableRule",
                        arguments=[{"uri": uri, "rule": rule_id}])))
            actions.extend(later)

        if wanted(convert.FIX_ALL_KIND) and res is not None and res.version == doc.version:
            edits = convert.fix_edits(text, index, res.findings, enc)
            if edits:
                actions.append(types.CodeAction(
                    title=f"hanproof: 고칠 수 있는 문제 모두 고치기 ({len(edits)}곳)",
                    kind=convert.FIX_ALL_KIND,
                    edit=convert.workspace_edit(uri, doc.version, edits, dc)))
        return actions

    async def fix_all(self, uri: str) -> dict:
        st = self.state(uri)
        res = await self.current_result(st, 60)
        doc = st.doc
        edits = convert.fix_edits(res.text, res.index, res.findings, self.encoding)
        if not edits:
            return {"applied": True, "fixed": 0}
        if not self.caps.get("apply_edit"):
            raise RequestFailed("the client does not support workspace/applyEdit")
        edit = convert.workspace_edit(uri, doc.version, edits, self.caps.get("document_changes", False))
        r = await asyncio.wait_for(self.workspace_apply_edit_async(types.ApplyWorkspaceEditParams(
            edit=edit, label="hanproof: 모두 고치기")), 60)
        applied = bool(getattr(r, "applied", False))
        if not applied:
            self.log_message(f"the client did not apply the fixes: {getattr(r, 'failure_reason', None)}",
                             types.MessageType.Warning)
        return {"applied": applied, "fixed": len(edits) if applied else 0}


def _running_loop():
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def _ro(word: str) -> str:
    from ..hangul import final_index
    i = final_index(word[-1]) if word else -1
    return "(으)로" if i < 0 else ("로" if i in (0, 8) else "으로")


def _eul(word: str) -> str:
    from ..hangul import has_final
    f = has_final(word[-1]) if word else None
    return "을(를)" if f is None else ("을" if f else "를")


def _load_engine():
    from ..engine import default_engine
    eng = default_engine()
    eng.analyzer.load()
    eng.analyzer.tokenize("준비")  # the first call initialises Kiwi's model (~1 s)
    return eng


def _finish(engine, text: str, lang: str, cfg, ex, encoding: str, version):
    findings = engine.check(text, lang, cfg, extracted=ex)
    index = LineIndex(text)
    return findings, convert.to_diagnostics(text, findings, encoding, version, index), index


def _batches(paragraphs, todo: list[int], focus: int) -> list[list[int]]:
    """Uncached paragraph indexes in batches, the ones nearest the edit first."""
    def dist(i: int) -> int:
        p = paragraphs[i]
        a = p.start
        b = p.offsets[-1] + 1 if p.offsets else p.start + len(p.text)
        return 0 if a <= focus <= b else (a - focus if a > focus else focus - b)

    order = sorted(todo, key=dist)
    out: list[list[int]] = []
    cur: list[int] = []
    size = 0
    limit = FIRST_BATCH_CHARS
    for i in order:
        n = len(paragraphs[i].text)
        if cur and size + n > limit:
            out.append(sorted(cur))
            cur, size, limit = [], 0, BATCH_CHARS
        cur.append(i)
        size += n
    if cur:
        out.append(sorted(cur))
    return out


# ---------------------------------------------------------------- handlers
def _args(args: tuple, names: tuple[str, ...], command: str) -> dict:
    """Command arguments as [{name: value, …}] or positionally."""
    if len(args) == 1 and isinstance(args[0], dict):
        d = args[0]
    elif len(args) == len(names):
        d = dict(zip(names, args))
    else:
        raise invalid(f"{command} takes one argument {{{', '.join(names)}}}")
    out = {}
    for n in names:
        v = d.get(n)
        if not isinstance(v, str) or not v:
            raise invalid(f"{command}: '{n}' must be a non-empty string")
        out[n] = v
    return out


def create_server() -> HanproofServer:
    server = HanproofServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: HanproofServer, params: types.InitializeParams):
        ls.on_initialize(params)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: HanproofServer, params: types.InitializedParams):
        await ls.on_initialized()

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: HanproofServer, params):
        for st in ls.docs.values():
            if st.task is not None and not st.task.done():
                st.task.cancel()
        ls.check_pool.shutdown(wait=False, cancel_futures=True)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: HanproofServer, params: types.DidOpenTextDocumentParams):
        ls.open(params.text_document)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: HanproofServer, params: types.DidChangeTextDocumentParams):
        ls.change(params)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: HanproofServer, params: types.DidCloseTextDocumentParams):
        ls.close(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: HanproofServer, params: types.DidSaveTextDocumentParams):
        path = uri_to_path(params.text_document.uri)
        if path is not None and path.name in WATCHED_NAMES:
            ls.config_changed()

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: HanproofServer, params: types.DidChangeWatchedFilesParams):
        names = {p.name for p in (uri_to_path(c.uri) for c in params.changes) if p is not None}
        if names & set(WATCHED_NAMES) or any(n.endswith(".txt") for n in names):
            ls.config_changed()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(ls: HanproofServer, params: types.DidChangeConfigurationParams):
        if ls.caps.get("configuration"):
            await ls.pull_configuration()
        else:
            settings = params.settings
            if isinstance(settings, dict) and isinstance(settings.get("hanproof"), dict):
                settings = settings["hanproof"]
            err = ls.settings.set_editor(ls._editor_raw(settings if isinstance(settings, dict) else None))
            if err:
                ls.report_once(err)
        ls.config_changed()

    @server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def did_change_folders(ls: HanproofServer, params: types.DidChangeWorkspaceFoldersParams):
        folders = [p for p in ls.settings.folders]
        for f in params.event.removed or []:
            p = uri_to_path(f.uri)
            if p in folders:
                folders.remove(p)
        for f in params.event.added or []:
            p = uri_to_path(f.uri)
            if p is not None:
                folders.append(p)
        ls.settings.set_folders(folders)
        ls.config_changed()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: HanproofServer, params: types.HoverParams):
        st = ls.state(params.text_document.uri)
        off = ls.checked_offset(st.doc, params.position)
        version = st.doc.version
        res = await ls.result_for_actions(st)
        if st.doc.version != version:
            return None  # the document changed while waiting
        return ls.hover(st, off, res)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, convert.FIX_ALL_KIND], resolve_provider=False))
    async def code_action(ls: HanproofServer, params: types.CodeActionParams):
        st = ls.state(params.text_document.uri)
        ls.checked_offset(st.doc, params.range.start)
        ls.checked_offset(st.doc, params.range.end)
        res = await ls.result_for_actions(st)
        return ls.code_actions(st, params, res)

    @server.feature(types.TEXT_DOCUMENT_DIAGNOSTIC, types.DiagnosticOptions(
        identifier="hanproof", inter_file_dependencies=False, workspace_diagnostics=False))
    async def diagnostic(ls: HanproofServer, params: types.DocumentDiagnosticParams):
        st = ls.state(params.text_document.uri)
        try:
            res = await ls.current_result(st)
        except RequestFailed:
            if st.closed:
                return types.RelatedFullDocumentDiagnosticReport(items=[])
            raise
        if params.previous_result_id and params.previous_result_id == res.result_id:
            return types.RelatedUnchangedDocumentDiagnosticReport(result_id=res.result_id)
        return types.RelatedFullDocumentDiagnosticReport(items=res.diagnostics, result_id=res.result_id)

    @server.command("hanproof.fixAll")
    async def cmd_fix_all(ls: HanproofServer, *args):
        a = _args(args, ("uri",), "hanproof.fixAll")
        return await ls.fix_all(a["uri"])

    @server.command("hanproof.addWord")
    async def cmd_add_word(ls: HanproofServer, *args):
        a = _args(args, ("uri", "word"), "hanproof.addWord")
        try:
            word = check_word(a["word"])
        except WorkspaceFileError as e:
            raise invalid(str(e)) from None
        root = ls.settings.workspace_root(uri_to_path(a["uri"]))
        if root is None:
            raise RequestFailed("no workspace folder for the word list")
        try:
            path, added = await asyncio.get_running_loop().run_in_executor(None, add_word, root, word)
        except WorkspaceFileError as e:
            raise RequestFailed(str(e)) from None
        ls.log_message(f"{'added' if added else 'already listed'}: {word} ({path})")
        ls.config_changed()
        return {"path": str(path), "added": added}

    @server.command("hanproof.disableRule")
    async def cmd_disable_rule(ls: HanproofServer, *args):
        a = _args(args, ("uri", "rule"), "hanproof.disableRule")
        rule = a["rule"].strip()
        if not _RULE_SELECTOR.match(rule):
            raise invalid(f"not a rule id or category: {rule!r}")
        if ls.engine is not None and not any(r.matches_selector(rule) for r in ls.engine.registry.rules):
            raise invalid(f"no rule or category {rule!r}")
        path = uri_to_path(a["uri"])
        root = ls.settings.workspace_root(path)
        try:
            target, changed = await asyncio.get_running_loop().run_in_executor(None, disable_rule, root, path, rule)
        except WorkspaceFileError as e:
            raise RequestFailed(str(e)) from None
        ls.log_message(f"{'disabled' if changed else 'already disabled'}: {rule} ({target})")
        ls.config_changed()
        return {"path": str(target), "changed": changed}

    return server


def run(tcp: int | None = None, host: str = "127.0.0.1") -> int:
    """`hanproof serve`: stdio (default) or TCP. Returns the process exit code."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("hanproof-lsp: %(levelname)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)
    logging.getLogger("hanproof").setLevel(logging.INFO)
    handler.addFilter(_QuietExpected())
    server = create_server()
    if tcp is not None:
        try:
            server.start_tcp(host, tcp)
        except SystemExit as e:  # `exit` from the client
            return int(e.code or 0)
    else:
        stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
        sys.stdout = sys.stderr  # a stray print() must never corrupt the protocol stream
        server.start_io(stdin, stdout)
    return 0 if server.protocol._shutdown else 1
