package kernel

import "errors"

var (
	// ErrTables is a loader refusal of the tables themselves (invalid, or
	// refused by a map update), as opposed to BPF being unavailable:
	// running the reference evaluator on the same tables would be no
	// answer.
	ErrTables = errors.New("kernel tables refused")
	// ErrFrameSize is a frame BPF_PROG_TEST_RUN does not take: shorter
	// than an Ethernet header or, for IPv4 and IPv6, than its fixed IP
	// header, or longer than fits a page with the skb's head- and
	// tailroom (3,712 bytes on x86-64 with 4 KiB pages).
	ErrFrameSize = errors.New("frame size outside what BPF_PROG_TEST_RUN takes")
)
