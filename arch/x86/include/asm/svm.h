/*
 * AMD SVM: the VMCB (AMD64 APM vol. 2, appendix B) as offsets, exit codes
 * and intercept bits the hypervisor uses. Offsets rather than a struct:
 * the layout has holes everywhere and must be exact.
 */
#ifndef ASM_SVM_H
#define ASM_SVM_H
#include <bulkhead/types.h>

struct vmcb {
	u8 bytes[4096];
} __attribute__((aligned(4096)));

#define VMCB64(v, off) (*(volatile u64 *)((v)->bytes + (off)))
#define VMCB32(v, off) (*(volatile u32 *)((v)->bytes + (off)))
#define VMCB16(v, off) (*(volatile u16 *)((v)->bytes + (off)))
#define VMCB8(v, off)  (*(volatile u8 *)((v)->bytes + (off)))

/* Control area. */
#define VMCB_INTERCEPT_EXC 0x008
#define VMCB_INTERCEPT1	   0x00c
#define VMCB_INTERCEPT2	   0x010
#define VMCB_IOPM_PA	   0x040
#define VMCB_MSRPM_PA	   0x048
#define VMCB_TSC_OFFSET	   0x050
#define VMCB_ASID	   0x058
#define VMCB_TLB_CTL	   0x05c
#define VMCB_INT_CTL	   0x060
#define VMCB_INT_SHADOW	   0x068
#define VMCB_EXITCODE	   0x070
#define VMCB_EXITINFO1	   0x078
#define VMCB_EXITINFO2	   0x080
#define VMCB_EXITINTINFO   0x088
#define VMCB_NP_CTL	   0x090
#define VMCB_EVENTINJ	   0x0a8
#define VMCB_NCR3	   0x0b0

/* State save area: segments are {u16 sel, u16 attrib, u32 limit, u64 base}. */
#define VMCB_ES		    0x400
#define VMCB_CS		    0x410
#define VMCB_SS		    0x420
#define VMCB_DS		    0x430
#define VMCB_FS		    0x440
#define VMCB_GS		    0x450
#define VMCB_GDTR	    0x460
#define VMCB_LDTR	    0x470
#define VMCB_IDTR	    0x480
#define VMCB_TR		    0x490
#define VMCB_CPL	    0x4cb
#define VMCB_EFER	    0x4d0
#define VMCB_CR4	    0x548
#define VMCB_CR3	    0x550
#define VMCB_CR0	    0x558
#define VMCB_DR7	    0x560
#define VMCB_DR6	    0x568
#define VMCB_RFLAGS	    0x570
#define VMCB_RIP	    0x578
#define VMCB_RSP	    0x5d8
#define VMCB_RAX	    0x5f8
#define VMCB_STAR	    0x600
#define VMCB_LSTAR	    0x608
#define VMCB_CSTAR	    0x610
#define VMCB_SFMASK	    0x618
#define VMCB_KERNEL_GS_BASE 0x620
#define VMCB_SYSENTER_CS    0x628
#define VMCB_SYSENTER_ESP   0x630
#define VMCB_SYSENTER_EIP   0x638
#define VMCB_CR2	    0x640
#define VMCB_G_PAT	    0x668

/* INTERCEPT1 / INTERCEPT2 bits. */
#define INT1_INTR     BIT(0)
#define INT1_NMI      BIT(1)
#define INT1_INIT     BIT(3)
#define INT1_VINTR    BIT(4)
#define INT1_CPUID    BIT(18)
#define INT1_HLT      BIT(24)
#define INT1_IOIO     BIT(27)
#define INT1_MSR      BIT(28)
#define INT1_SHUTDOWN BIT(31)
#define INT2_VMRUN    BIT(0)
#define INT2_VMMCALL  BIT(1)
#define INT2_VMLOAD   BIT(2)
#define INT2_VMSAVE   BIT(3)
#define INT2_STGI     BIT(4)
#define INT2_CLGI     BIT(5)
#define INT2_SKINIT   BIT(6)
#define INT2_XSETBV   BIT(13)

#define INT_CTL_V_IRQ	       BIT(8)
#define INT_CTL_V_PRIO(p)      ((u64)(p) << 16)
#define INT_CTL_V_IGN_TPR      BIT(20)
#define INT_CTL_V_INTR_MASKING BIT(24)
#define INT_CTL_V_VECTOR(v)    ((u64)(v) << 32)

#define EVENTINJ_VALID BIT(31)
#define EVENTINJ_EXC   (3ULL << 8)
#define EVENTINJ_ERR   BIT(11)

/* Exit codes (compare the low 32 bits: TCG writes VMEXIT_INVALID as 0xffffffff). */
#define EXIT_EXC_BASE 0x40
#define EXIT_INTR     0x60
#define EXIT_NMI      0x61
#define EXIT_INIT     0x63
#define EXIT_VINTR    0x64
#define EXIT_CPUID    0x72
#define EXIT_HLT      0x78
#define EXIT_IOIO     0x7b
#define EXIT_MSR      0x7c
#define EXIT_SHUTDOWN 0x7f
#define EXIT_VMRUN    0x80
#define EXIT_VMMCALL  0x81
#define EXIT_VMLOAD   0x82
#define EXIT_VMSAVE   0x83
#define EXIT_STGI     0x84
#define EXIT_CLGI     0x85
#define EXIT_SKINIT   0x86
#define EXIT_XSETBV   0x8d
#define EXIT_NPF      0x400
#define EXIT_INVALID  0xffffffffU

struct guest_gprs;
/* svm_entry.S: one VMRUN with the guest's GPRs, VMLOAD/VMSAVE around it. */
void svm_run(u64 vmcb_pa, struct guest_gprs *g, u64 host_save_pa);

#endif
