package execwatch

//go:generate go run github.com/cilium/ebpf/cmd/bpf2go -cc clang -cflags "-O2 -g -Wall -Werror -mcpu=v3" -target bpfel -type exec_event -type runtime_name -type exec_flags -type counter Execwatch execwatch.bpf.c -- -I/usr/include/x86_64-linux-gnu
