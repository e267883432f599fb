#include "textflag.h"

// BLOCK shifts the block at CX into R8 and jumps to found when it has
// candidates (R11 sets every bit but those of lanes 3 to 6).
#define BLOCK(found) \
	MOVWLZX -1(SI)(CX*1), AX \
	MOVWLZX 0(SI)(CX*1), BX \
	MOVWLZX 1(SI)(CX*1), R9 \
	MOVWLZX 2(SI)(CX*1), R10 \
	MOVL (DI)(AX*4), AX \
	MOVL (DI)(BX*4), BX \
	MOVL (DI)(R9*4), R9 \
	MOVL (DI)(R10*4), R10 \
	SHLQ $24, AX \
	SHLQ $16, BX \
	SHLQ $8, R9 \
	ORQ  BX, AX \
	ORQ  R10, R9 \
	SHLQ $32, R8 \
	ORQ  R9, AX \
	ORQ  AX, R8 \
	MOVQ R8, AX \
	ORQ  R11, AX \
	INCQ AX \
	JNZ  found

// func scanShortAsm(reach *uint32, text *byte, j, n int, s uint64) (next int, state uint64, cand uint32)
TEXT ·scanShortAsm(SB), NOSPLIT, $0-60
	MOVQ reach+0(FP), DI
	MOVQ text+8(FP), SI
	MOVQ j+16(FP), CX
	MOVQ n+24(FP), DX
	MOVQ s+32(FP), R8
	MOVQ $0xff00000000ffffff, R11
	SUBQ $8, DX
	CMPQ CX, DX
	JGT  short_tail

short_two:
	BLOCK(short_found)
	ADDQ $4, CX
	BLOCK(short_found)
	ADDQ $4, CX
	CMPQ CX, DX
	JLE  short_two

short_tail:
	ADDQ $4, DX

short_one:
	CMPQ CX, DX
	JGT  short_done
	BLOCK(short_found)
	ADDQ $4, CX
	JMP  short_one

short_found:
	MOVQ CX, next+40(FP)
	MOVQ R8, state+48(FP)
	MOVQ R8, AX
	SHRQ $24, AX
	NOTL AX
	MOVL AX, cand+56(FP)
	RET

short_done:
	MOVQ CX, next+40(FP)
	MOVQ R8, state+48(FP)
	MOVL $0, cand+56(FP)
	RET

// BLOCKH is BLOCK over a coarse table: a pair's word is at pair >> CL.
#define PAIRH(off, reg) \
	MOVWLZX off(SI)(R13*1), reg \
	SHRL CX, reg \
	MOVL (DI)(reg*4), reg

#define BLOCKH(found) \
	PAIRH(-1, AX) \
	PAIRH(0, BX) \
	PAIRH(1, R9) \
	PAIRH(2, R10) \
	SHLQ $24, AX \
	SHLQ $16, BX \
	SHLQ $8, R9 \
	ORQ  BX, AX \
	ORQ  R10, R9 \
	SHLQ $32, R8 \
	ORQ  R9, AX \
	ORQ  AX, R8 \
	MOVQ R8, AX \
	ORQ  R11, AX \
	INCQ AX \
	JNZ  found

// func scanShortCoarseAsm(reach *uint32, shift uint32, text *byte, j, n int, s uint64) (next int, state uint64, cand uint32)
TEXT ·scanShortCoarseAsm(SB), NOSPLIT, $0-68
	MOVQ reach+0(FP), DI
	MOVL shift+8(FP), CX
	MOVQ text+16(FP), SI
	MOVQ j+24(FP), R13
	MOVQ n+32(FP), DX
	MOVQ s+40(FP), R8
	MOVQ $0xff00000000ffffff, R11
	SUBQ $4, DX

hash_loop:
	CMPQ R13, DX
	JGT  hash_done
	BLOCKH(hash_found)
	ADDQ $4, R13
	JMP  hash_loop

hash_found:
	MOVQ R13, next+48(FP)
	MOVQ R8, state+56(FP)
	MOVQ R8, AX
	SHRQ $24, AX
	NOTL AX
	MOVL AX, cand+64(FP)
	RET

hash_done:
	MOVQ R13, next+48(FP)
	MOVQ R8, state+56(FP)
	MOVL $0, cand+64(FP)
	RET

// func probeLongAsm(first *uint64, shift uint, text *byte, i, n int) (next int, x uint64)
TEXT ·probeLongAsm(SB), NOSPLIT, $0-56
	MOVQ first+0(FP), DI
	MOVQ shift+8(FP), CX
	MOVQ text+16(FP), SI
	MOVQ i+24(FP), R8
	MOVQ n+32(FP), DX
	SUBQ $8, DX
	MOVQ $0x2020202020202020, R11
	MOVQ $0x9e3779b97f4a7c15, R12
	MOVQ $0xffffffffff, R13

long_loop:
	CMPQ R8, DX
	JGT  long_done
	MOVQ (SI)(R8*1), AX
	ORQ  R11, AX
	MOVQ AX, BX
	SHRQ $24, BX
	ANDQ R13, BX
	MOVQ AX, R9
	ANDQ R13, R9
	IMULQ R12, R9
	IMULQ R12, BX
	MOVQ R9, R10
	SHRQ CX, R10
	MOVQ (DI)(R10*8), R10
	SHRQ $32, R9
	BTQ  R9, R10
	JCC  long_b
	SHRQ $6, R9
	BTQ  R9, R10
	JCS  long_found

long_b:
	MOVQ BX, R10
	SHRQ CX, R10
	MOVQ (DI)(R10*8), R10
	SHRQ $32, BX
	BTQ  BX, R10
	JCC  long_next
	SHRQ $6, BX
	BTQ  BX, R10
	JCS  long_found

long_next:
	ADDQ $6, R8
	JMP  long_loop

long_found:
	MOVQ R8, next+40(FP)
	MOVQ AX, x+48(FP)
	RET

long_done:
	MOVQ R8, next+40(FP)
	MOVQ $0, x+48(FP)
	RET
