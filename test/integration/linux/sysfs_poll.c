/*
 * sysfs-poll FILE MS: waits up to MS milliseconds for the kernel to notify
 * the sysfs attribute FILE (sysfs_notify: poll() reports POLLPRI|POLLERR),
 * then prints what woke it and the file read afresh. For the Linux VMBus
 * tests only (linux_bus.py puts it in their initramfs): busybox has no
 * tool that polls a file.
 *
 *	armed               the first read is done: a notification from now on wakes it
 *	woke 0x<revents> after <ms> ms
 *	<the file's lines>
 *	timeout after <ms> ms    (exit status 1), or "sysfs-poll: <call>: <error>" (2)
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static int fail(const char *what)
{
	fprintf(stderr, "sysfs-poll: %s: %s\n", what, strerror(errno));
	return 2;
}

/* The whole file from its start: a sysfs read at offset 0 asks the driver afresh. */
static ssize_t read_all(int fd, char *buf, size_t cap)
{
	ssize_t n = 0, len = 0;

	if (lseek(fd, 0, SEEK_SET) < 0)
		return -1;
	while ((size_t)len < cap - 1 && (n = read(fd, buf + len, cap - 1 - len)) > 0)
		len += n;
	if (n < 0)
		return -1;
	buf[len] = '\0';
	return len;
}

int main(int argc, char **argv)
{
	static char buf[8192];
	struct pollfd p;
	long t0;
	int fd, n;

	if (argc != 3) {
		fprintf(stderr, "usage: sysfs-poll FILE MS\n");
		return 2;
	}
	fd = open(argv[1], O_RDONLY);
	if (fd < 0)
		return fail("open");
	/* sysfs arms the notification by a read; poll() before it returns at once. */
	if (read_all(fd, buf, sizeof(buf)) < 0)
		return fail("read");
	printf("armed\n");
	fflush(stdout);
	p.fd = fd;
	p.events = POLLPRI | POLLERR;
	t0 = now_ms();
	n = poll(&p, 1, atoi(argv[2]));
	if (n < 0)
		return fail("poll");
	if (!n) {
		printf("timeout after %ld ms\n", now_ms() - t0);
		return 1;
	}
	printf("woke 0x%x after %ld ms\n", p.revents, now_ms() - t0);
	if (read_all(fd, buf, sizeof(buf)) < 0)
		return fail("read");
	fputs(buf, stdout);
	return 0;
}
