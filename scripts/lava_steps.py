"""The console lines a LAVA job expects from a build, taken from its
generated/system.json (make lava-job; docs/hil.md#the-farm-lava): the banner, every
partition started (the hypervisor's start line, printed once its image
passed verification, and the first lines of its program: a faulter's
fault and restart too), the root ready, the
summaries of long runs (villains), a run of a repeating program (echo) and
the root shell's partition list.

Each step is one LAVA interactive script with one unnamed command, so a
step that fails stops the job (lava-run then leaves the later steps out,
which scripts/lava-results counts as failed). LAVA consumes the console up
to each match and searches only its last 4000 characters, so steps follow
the console's order. The order of lines between partitions is not fixed
(each runs on its own CPUs): those lines, each printed once in a good run,
are as many steps, each taking the next of them that comes."""
import re

# Each board's u-boot prompt: seen only when u-boot gave up booting.
UBOOT_PROMPT = {"zcu102": "ZynqMP> "}
# The hypervisor's words for a guest's memory fault (arm64, x86).
FAULT = r"(?:data abort|nested page fault)"
# Programs that stop by design (faults, power-off): their stops are no failure.
STOPPING = {"faulter", "villain", "echo"}


def esc(text):
    """text as a regular expression; blanks stay readable in the job."""
    return re.sub(r"([.^$*+?{}\[\]\\|()])", r"\\\1", text)


def _hex(n):
    return f"0x{n:x}"


def _prefix(root, name, sysj):
    """How a partition's console lines start: through the root when a console
    channel from the root carries them, else on the partition's own UART."""
    for c in sysj["channels"]:
        if c["class"] == "console" and c["provider"] == root and c["client"] == name:
            return esc(f"[{root}] {name}: ")
    return esc(f"[{name}] ")


def _once(sysj, root, part):
    """Patterns of the lines a partition's start prints once in a good run:
    the hypervisor's start line (printed only after its image passed
    verification) and its program's first lines or summary."""
    name, prog, n = part["name"], part["program"], len(part["cpus"])
    ram = part["ram"]
    mem = esc(f"memory {_hex(ram['base'])}+{_hex(ram['size'])}")
    pre = _prefix(root, name, sysj)
    out = [esc(f"[bulkhead] {name}: {n} vCPU{'s' if n != 1 else ''}, ") + mem + ", "]
    if prog == "root":
        out += [esc(f"[{name}] root partition {name}: cpus {n} ") + mem + r"(?=\r*\n)",
                esc(f"[{name}] root ready") + r"(?=\r*\n)"]
    elif prog == "hello":
        out += [pre + esc(f"hello from {name}: cpus {n} ") + mem + r"(?=\r*\n)"]
        out += [pre + f"cpu {i} up" + r"(?=\r*\n)" for i in range(n)]
    elif prog == "ticker":
        out += [pre + r"tick 1(?=\r*\n)"]
    elif prog == "faulter":
        # It reads the byte past its memory at each start: the hypervisor
        # halts it, or restarts it (start 2 once).
        end = _hex(ram["base"] + ram["size"])
        out += [esc(f"[bulkhead] {name}: ") + "(?:" + FAULT
                + esc(f": read of {end}, outside its memory and devices at ")
                + "0x[0-9a-f]+; halted|" + esc("started again (start 2)") + ")"]
    elif prog == "villain":
        out += [pre + "villain: (?:done|fatal cases done)(?=\r*\n)"]
    return out


def _repeated(sysj, root, part):
    """The pattern of a line a program prints again and again (echo's runs), or None."""
    if part["program"] == "echo":
        return _prefix(root, part["name"], sysj) + "echo: 1000 round trips, 0 errors, "
    return None


def _listed(part):
    """The root shell's line for the partition, after the part of it that names it."""
    n = len(part["cpus"])
    if part["program"] not in STOPPING and part["program"] is not None:
        return esc(f"running, vCPUs {n}/{n}, epoch 1, restarts 0, stops 0, last stop: none")
    if part["program"] == "faulter":
        return (rf"[a-z ]+, vCPUs [0-9]+/{n}, epoch [0-9]+, restarts [0-9]+, stops [1-9][0-9]*, "
                rf"last stop: {FAULT}: ")
    return rf"[a-z ]+, vCPUs [0-9]+/{n}, epoch [0-9]+, restarts [0-9]+, stops [0-9]+, last stop: "


def _step(name, success, failures, command, prompt):
    cmd = {"command": command, "successes": [{"message": success}]}
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
    prompt = UBOOT_PROMPT.get(sysj["board"], "=> ")
    parts = sysj["partitions"]
    root = next(p["name"] for p in parts if p["role"] == "root")
    # What never appears in a good run (as the integration suite checks it),
    # but from the hypervisor about a partition that faults by design.
    stopping = "|".join(esc(p["name"]) for p in parts if p["program"] in STOPPING or not p["program"])
    fatal = (r"\[bulkhead\] " + (f"(?!(?:{stopping}): )" if stopping else "")
             + r"[^\n]*(?:fatal|cannot|nested page fault|unhandled exit|: not started)")
    out = []

    def step(name, success, failures=(), command=None):
        out.append(_step(name, success, list(failures) + [fatal], command, prompt))

    banner = (f"[bulkhead] Bulkhead {sysj['version']} ({sysj['arch']}, {sysj['board']}), "
              f"{sysj['nr_cpus']} CPUs, {len(parts)} partitions")
    if uboot_script:
        step("u-boot-script", esc("Found U-Boot script /boot.scr"), [esc(banner)])
    step("banner", esc(banner))
    # The partitions' lines come in any order: one step per line, each taking
    # the next of them that comes, so that none can pass by unseen.
    once = [x for p in parts for x in _once(sysj, root, p)]
    for i in range(len(once)):
        step(f"start-{i + 1}-of-{len(once)}", r"\n(?:" + "|".join(once) + ")")
    # One list object: the YAML writes it once and refers to it (&id, *id).
    for s in out[-len(once) + 1:] if len(once) > 1 else []:
        s["script"][0]["successes"] = out[-len(once)]["script"][0]["successes"]
    # Then a run of each repeating program, complete after those.
    for p in parts:
        if _repeated(sysj, root, p):
            step(f"run-{p['name']}", r"\n" + _repeated(sysj, root, p))
    # The root's shell lists every partition by index.
    for p in parts:
        head = esc(f"[{root}] partition {p['index']} {p['name']}: ")
        # Another line for it fails, once it is whole (a part of one might not be yet).
        step(f"shell-partition-{p['name']}", head + _listed(p), [f"{head}(?!{_listed(p)})[^\n]*\n"],
             command="partitions" if p is parts[0] else None)
    return out
