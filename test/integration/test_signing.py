"""Signed images (first step of issue 5): every blob a partition loads (its
image, its DTB, its initrd) carries a SHA-256 hash, a security version and
an ECDSA P-256 signature made with the build's key; the test checks each
signature on the host with openssl against the public half of that key, and
that a changed byte no longer verifies. A partition's security-version from
the system DT lands in the FIT; a development key draws a build warning."""
import pytest
import os
import subprocess

from conftest import Build, board_variant, system_dts

BODY = """
\t\tpartition-root {
\t\t\tcompatible = "bulkhead,partition";
\t\t\tbulkhead,root;
\t\t\tcpus = <&cpu0>;
\t\t\tmemory = <0x0 0x44000000 0x0 0x04000000>;
\t\t\tprogram = "root";
\t\t};
\t\tpartition-app {
\t\t\tcompatible = "bulkhead,partition";
\t\t\tcpus = <&cpu1>;
\t\t\tmemory = <0x0 0x48000000 0x0 0x02000000>;
\t\t\tprogram = "hello";
\t\t\tsecurity-version = <7>;
\t\t};
"""


def fdtget(itb, node, prop, fmt="s"):
    return subprocess.run(["fdtget", "-t", fmt, itb, node, prop], capture_output=True, text=True,
                          check=True).stdout.strip()


def der(sig):
    """Raw r || s (as mkimage writes ECDSA signatures) to an ASN.1 DER Ecdsa-Sig-Value."""
    def integer(b):
        b = b.lstrip(b"\0") or b"\0"
        if b[0] & 0x80:
            b = b"\0" + b
        return b"\x02" + bytes([len(b)]) + b
    body = integer(sig[:32]) + integer(sig[32:])
    return b"\x30" + bytes([len(body)]) + body


def verifies(pub, data, sig, tmp_path):
    (tmp_path / "data").write_bytes(data)
    (tmp_path / "sig.der").write_bytes(der(sig))
    r = subprocess.run(["openssl", "dgst", "-sha256", "-verify", pub, "-signature",
                        str(tmp_path / "sig.der"), str(tmp_path / "data")], capture_output=True)
    return r.returncode == 0


@pytest.mark.req("BH-IMG-1")
def test_partition_blobs_signed_and_versioned(tmp_path):
    b = board_variant("qemu_arm64", "signing", system_dts(tmp_path, BODY))
    r = b.make("all")
    assert "is signed with a development key" in r.stderr
    itb = os.path.join(b.objtree, "bulkhead.itb")
    key = os.path.join(b.objtree, "keys", "bulkhead.pem")
    pub = str(tmp_path / "pub.pem")
    subprocess.run(["openssl", "ec", "-in", key, "-pubout", "-out", pub], check=True, capture_output=True)
    for node in ("root", "root-fdt", "app", "app-fdt"):
        assert fdtget(itb, f"/images/{node}/signature-1", "algo") == "sha256,ecdsa256"
        sig = bytes(int(x, 16) for x in fdtget(itb, f"/images/{node}/signature-1", "value", "bx").split())
        data = bytes(int(x, 16) for x in fdtget(itb, f"/images/{node}", "data", "bx").split())
        assert len(sig) == 64
        assert verifies(pub, data, sig, tmp_path), node
        flipped = bytes([data[0] ^ 1]) + data[1:]
        assert not verifies(pub, flipped, sig, tmp_path), node
    assert fdtget(itb, "/images/app", "bulkhead,security-version", "u") == "7"
    assert fdtget(itb, "/images/root", "bulkhead,security-version", "u") == "0"
