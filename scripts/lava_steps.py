"""The console lines a LAVA job expects from a build, taken from its
generated/system.json (make lava-job; docs/hil-farm.md): the banner, every
partition started (its verification and start lines and the first lines
of its program), the root ready, and the root shell's partition list.

Each step is one LAVA interactive script with one unnamed command, so a
step that fails stops the job (lava-run then leaves the later steps out,
which scripts/lava-results counts as failed). LAVA consumes the console up
to each match, so steps follow the console's order. Lines whose order
between partitions is not fixed (each partition starts on its own CPUs)
are checked without consuming: a pattern of look-aheads that matches,
empty, once all its lines are in LAVA's search window (the last 4000
characters it holds)."""
import re

# The hypervisor's own lines that never appear in a good run (the
# integration suite checks them the same way).
FATAL = r"\[bulkhead\] [^\n]*(fatal|cannot|nested page fault|unhandled exit)"

# Each board's u-boot prompt: seen only when u-boot gave up booting.
UBOOT_PROMPT = {"zcu102": "ZynqMP> "}


def esc(text):
    """text as a regular expression; blanks stay readable in the job."""
    return re.sub(r"([.^$*+?{}\[\]\\|()])", r"\\\1", text)


def _hex(n):
    return f"0x{n:x}"


def _lookahead(lines):
    """A pattern that matches, consuming nothing, once every line is there."""
    return "".join(rf"(?=[\s\S]*?\n{esc(line)}\r*\n)" for line in lines)


def _program_lines(sysj, root, part):
    """The first lines of the programs the suite knows, as the console shows them."""
    name, prog, n = part["name"], part["program"], len(part["cpus"])
    mem = f"memory {_hex(part['ram']['base'])}+{_hex(part['ram']['size'])}"
    # A child's console reaches the board console through the root.
    via = f"[{root}] {name}: "
    if prog == "root":
        return [f"[{name}] root partition {name}: cpus {n} {mem}"]
    if prog == "hello":
        return [f"{via}hello from {name}: cpus {n} {mem}"] + [f"{via}cpu {i} up" for i in range(n)]
    if prog == "ticker":
        return [f"{via}tick 1"]
    return []


def _step(name, success, failures=(), command=None, prompt="=> "):
    cmd = {"command": command, "successes": [{"message": success}]}
    if failures:
        cmd["failures"] = [{"message": f, "exception": "TestError",
                            "error": f"{name}: unexpected console line"} for f in failures]
    # The success ends the step: there is no prompt to wait for after it.
    cmd["wait_for_prompt"] = False
    # The prompt: u-boot's, so that a boot that fell back to it fails at once.
    return {"name": name, "prompts": [prompt], "script": [cmd]}


def steps(sysj, uboot_script=True):
    """The interactive scripts for the system; uboot_script: the QEMU boot,
    where u-boot's own scan finds the boot script (a lab's u-boot boot
    action loads it itself)."""
    def step(*args, **kw):
        return _step(*args, prompt=UBOOT_PROMPT.get(sysj["board"], "=> "), **kw)

    parts = sysj["partitions"]
    root = next(p["name"] for p in parts if p["role"] == "root")
    banner = (f"[bulkhead] Bulkhead {sysj['version']} ({sysj['arch']}, {sysj['board']}), "
              f"{sysj['nr_cpus']} CPUs, {len(parts)} partitions")
    out = []
    if uboot_script:
        out.append(step("u-boot-script", esc("Found U-Boot script /boot.scr"),
                         [esc(banner)]))
    out.append(step("banner", esc(banner), [FATAL]))
    for p in parts:
        n = len(p["cpus"])
        lines = [f"[bulkhead] {p['name']}: verified (",
                 f"[bulkhead] {p['name']}: {n} vCPU{'s' if n != 1 else ''}, memory "
                 f"{_hex(p['ram']['base'])}+{_hex(p['ram']['size'])}, "]
        # Line prefixes: the rest of the line is free (signature, image size).
        pat = "".join(rf"(?=[\s\S]*?\n{esc(line)})" for line in lines)
        pat += _lookahead(_program_lines(sysj, root, p))
        out.append(step(f"partition-{p['name']}", pat, [FATAL]))
    out.append(step("root-ready", esc(f"[{root}] root ready"), [FATAL]))
    # The root's shell lists every partition, by index, running as started.
    for p in parts:
        n = len(p["cpus"])
        head = f"[{root}] partition {p['index']} {p['name']}: "
        good = f"running, vCPUs {n}/{n}, epoch 1, restarts 0, stops 0, last stop: none"
        out.append(step(f"shell-partition-{p['name']}", esc(head + good),
                         [esc(head) + "(?!" + esc(good) + ")", FATAL],
                         command="partitions" if p is parts[0] else None))
    return out
