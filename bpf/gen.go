package bpf

//go:generate go run github.com/cilium/ebpf/cmd/bpf2go -cc clang -cflags "-O2 -g -Wall -Werror -mcpu=v3" -target bpfel -type event -type cmp -type kind -type copy_reason -type action -type cmp_op -type flags_mod -type buffer -type pkt_flow -type flow_req -type drop_scope -type flow_tcp -type narrow_set Rulec rulec.bpf.c -- -I/usr/include/x86_64-linux-gnu
