/*
 * Helpers of the fake-arch core tests (test/unit/test_core_*.c): the
 * system booted as core/main.c boots it, vCPUs started, hypercalls made.
 */
#ifndef TEST_FAKEARCH_FAKE_CORE_H
#define TEST_FAKEARCH_FAKE_CORE_H
#include "fake_arch.h"
#include "fake_nvstore.h"
#include "fake_system.h"

extern u64 fc_x[12]; /* the last hypercall's registers */

/* Fresh fake board, erased store (unless keep_store: a board reset), hv_primary_main on CPU 0. */
enum fake_exit fc_power_on(bool keep_store);
/* The same in two steps, the tables changeable between them. */
void fc_board(bool keep_store);
enum fake_exit fc_primary(void);
/* partition_boot of a partition on its vCPU 0's CPU. */
enum fake_exit fc_start(u32 part);
/* root, app and halter running. */
void fc_all_up(void);
/* A hypercall that returns: x0. */
u64 fc_call(u32 part, u32 vcpu, u64 fn, u64 a1, u64 a2, u64 a3);
/* A hypercall that may not return (SYSTEM_OFF, CPU_OFF): how the core left. */
enum fake_exit fc_call_noreturn(u32 part, u32 vcpu, u64 fn);
/* partition_fault of a vCPU at pc. */
enum fake_exit fc_fault(u32 part, u32 vcpu, u64 pc, const char *why);

#endif
