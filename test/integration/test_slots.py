"""A/B image slots (issue 5 item 2): a partition with on-verify-fail =
"fallback" whose slot A image is refused boots its slot B image; one with
"halt" stays down; a refused root with a fallback boots from slot B
rather than halting the system; a truncated slot A FIT makes u-boot boot the hypervisor
from slot B, and every fallback partition boots from there."""
import hashlib
import os

import pytest

from conftest import BOARDS, SRC, board_variant, flipped_fit

@pytest.fixture(scope="module", params=BOARDS)
def ab_build(tmp_path_factory, request):
    board = request.param
    src = open(os.path.join(SRC, f"configs/{board}.dts")).read()
    assert "image-store-b" in src
    for part in ("root", "hello1"):
        marker = "partition-%s {\n" % part
        assert marker in src
        src = src.replace(marker, marker + '\t\t\ton-verify-fail = "fallback";\n', 1)
    dts = tmp_path_factory.mktemp("ab-" + board) / "ab.dts"
    dts.write_text(src)
    b = board_variant(board, "ab-slots", str(dts))
    b.make("all")
    return b


def itb_of(build):
    with open(os.path.join(build.objtree, "bulkhead.itb"), "rb") as f:
        return f.read()


def flipped(build, tmp_path, program="hello"):
    return flipped_fit(build.objtree, program, tmp_path / f"flipped-{program}.itb", mask=0x10)


def verified(part, slot):
    return (r"^\[bulkhead\] %s: verified \(sha256,ecdsa256, key bulkhead, slot %s, "
            r"security version 0\)$" % (part, slot))


@pytest.mark.req("BH-IMG-5")
def test_child_falls_back_to_slot_b(ab_build, boot, tmp_path):
    with boot(ab_build, itb=flipped(ab_build, tmp_path)) as con:
        con.wait_for(r"^\[bulkhead\] hello1: image rejected: hash mismatch$", timeout=60)
        con.wait_for(r"^\[bulkhead\] hello1: falling back to slot B$")
        con.wait_for(verified("hello1", "B"))
        con.wait_for(verified("ticker", "A"), timeout=60)
        con.wait_for(verified("root", "A"), timeout=60)
        with open(os.path.join(ab_build.objtree, "partitions/hello/hello.bin"), "rb") as f:
            data = f.read()
        con.wait_for(r"^\[root\] measured: hello1 image slot B version 0 size %d sha256 %s$"
                     % (len(data), hashlib.sha256(data).hexdigest()), timeout=60)
        con.wait_for(r"^\[root\] hello1: hello from hello1: cpus 2 ", timeout=60)
        con.wait_for(r"^\[root\] ticker: tick 3$", timeout=60)
        assert con.count(r"^\[bulkhead\] hello1: not started") == 0


@pytest.mark.req("BH-IMG-5")
def test_refused_root_falls_back_instead_of_halting(ab_build, boot, tmp_path):
    """A refused root halts the system only when it has no fallback: this one
    boots its slot B image, and the system comes up around it."""
    with boot(ab_build, itb=flipped(ab_build, tmp_path, "root")) as con:
        con.wait_for(r"^\[bulkhead\] root: image rejected: hash mismatch$", timeout=60)
        con.wait_for(r"^\[bulkhead\] root: falling back to slot B$")
        con.wait_for(verified("root", "B"))
        con.wait_for(r"^\[root\] root ready$", timeout=60)
        con.wait_for(r"^\[root\] ticker: tick 3$", timeout=60)
        assert con.count(r"system halted") == 0


@pytest.mark.req("BH-IMG-3", "BH-IMG-5")
def test_halt_policy_stays_down_and_both_bad_refused(ab_build, boot, tmp_path):
    # ticker's policy is halt: slot B is not tried.
    bad_ticker = flipped(ab_build, tmp_path, "ticker")
    with boot(ab_build, itb=bad_ticker) as con:
        con.wait_for(r"^\[bulkhead\] ticker: image rejected: hash mismatch$", timeout=60)
        con.wait_for(r"^\[bulkhead\] ticker: not started$")
        con.wait_for(verified("hello1", "A"), timeout=60)
        con.wait_for(r"^\[root\] root ready$", timeout=60)
        assert con.count(r"^\[bulkhead\] ticker: falling back") == 0
    # hello1 bad in both slots: refused twice, then down; the rest boots.
    bad = flipped(ab_build, tmp_path)
    with boot(ab_build, itb=bad, itb_b=bad) as con:
        con.wait_for(r"^\[bulkhead\] hello1: falling back to slot B$", timeout=60)
        con.wait_for(r"^\[bulkhead\] hello1: not started$", timeout=60)
        assert con.count(r"^\[bulkhead\] hello1: image rejected: hash mismatch$") == 2
        con.wait_for(r"^\[root\] ticker: tick 3$", timeout=60)


@pytest.mark.req("BH-IMG-4")
def test_truncated_fit_in_slot_a(ab_build, boot, tmp_path):
    blob = itb_of(ab_build)
    cut = tmp_path / "truncated.itb"
    cut.write_bytes(blob[: len(blob) // 2])
    with boot(ab_build, itb=str(cut)) as con:
        # u-boot refuses slot A's FIT and boots the hypervisor from slot B.
        con.wait_for(r"^Bad FIT kernel image format", timeout=60)
        store_a = ab_build.system()["hypervisor"]["image_stores"][0]["base"]
        con.wait_for(rf"^\[bulkhead\] image store A at {store_a:#x}: no valid FIT: ",
                     timeout=60)
        con.wait_for(r"^\[bulkhead\] ticker: image rejected: malformed FIT$", timeout=60)
        con.wait_for(r"^\[bulkhead\] ticker: not started$")
        con.wait_for(verified("root", "B"), timeout=60)
        con.wait_for(verified("hello1", "B"), timeout=60)
        con.wait_for(r"^\[root\] root ready$", timeout=60)
