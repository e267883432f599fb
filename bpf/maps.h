/* Maps of the classifier. Sizes marked "loader" are placeholders the
 * loader replaces from the rule set's tables before loading. */
#ifndef RULEC_MAPS_H
#define RULEC_MAPS_H

#include "rulec.h"

#define LPM_MAP(name, key_t, value_t)                  \
	struct {                                       \
		__uint(type, BPF_MAP_TYPE_LPM_TRIE);   \
		__uint(map_flags, BPF_F_NO_PREALLOC);  \
		__type(key, key_t);                    \
		__type(value, value_t);                \
		__uint(max_entries, 1); /* loader */   \
	} name SEC(".maps")

const volatile struct config cfg = {
	.nwords = 1,
	.nsummary = 1,
	.nclasses = 1,
	.max_scan = MAX_SCAN,
	.teredo_ports = {3544},
	.vxlan_ports = {4789},
	.geneve_ports = {6081},
	.nteredo = 1,
	.nvxlan = 1,
	.ngeneve = 1,
};

/* Allow and block lists (static and dynamic). */
LPM_MAP(rc_allow_v4, struct lpm_v4, struct list_entry);
LPM_MAP(rc_allow_v6, struct lpm_v6, struct list_entry);
LPM_MAP(rc_block_v4, struct lpm_v4, struct list_entry);
LPM_MAP(rc_block_v6, struct lpm_v6, struct list_entry);

/* Port blocks: every TCP or UDP packet to a port, checked after the
 * allow lists. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, struct port_key);
	__type(value, struct list_entry);
	__uint(max_entries, 1); /* loader */
} rc_block_port SEC(".maps");

#define BITS_LPM_MAP(name, key_t)                      \
	struct {                                       \
		__uint(type, BPF_MAP_TYPE_LPM_TRIE);   \
		__uint(map_flags, BPF_F_NO_PREALLOC);  \
		__type(key, key_t);                    \
		__uint(value_size, 8);  /* loader */   \
		__uint(max_entries, 1); /* loader */   \
	} name SEC(".maps")

#define ARRAY_MAP(name, value_size_, entries)          \
	struct {                                       \
		__uint(type, BPF_MAP_TYPE_ARRAY);      \
		__uint(key_size, 4);                   \
		__uint(value_size, value_size_);       \
		__uint(max_entries, entries);          \
	} name SEC(".maps")

/* Header classification: each lookup yields a bitset of slots. */
BITS_LPM_MAP(rc_src_v4, struct lpm_v4);
BITS_LPM_MAP(rc_dst_v4, struct lpm_v4);
BITS_LPM_MAP(rc_src_v6, struct lpm_v6);
BITS_LPM_MAP(rc_dst_v6, struct lpm_v6);
ARRAY_MAP(rc_proto, 8 /* loader */, 256);
ARRAY_MAP(rc_sport_class, 4, 65536);
ARRAY_MAP(rc_dport_class, 4, 65536);
ARRAY_MAP(rc_sport_bits, 8 /* loader */, 1 /* loader */);
ARRAY_MAP(rc_dport_bits, 8 /* loader */, 1 /* loader */);

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, struct slot);
	__uint(max_entries, 1); /* loader */
} rc_slots SEC(".maps");

/* Narrowing (codegen/kernel.Narrowing): slot sets by enum narrow_set,
 * and per item the kernel slots it is a positive item of:
 * rc_item_slots[rc_item_slot_start[i] .. rc_item_slot_start[i+1]). */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, enum narrow_set);
	__uint(value_size, 8); /* loader */
	__uint(max_entries, NS_MAX);
} rc_narrow SEC(".maps");
ARRAY_MAP(rc_item_slot_start, 4, 2 /* loader */);
ARRAY_MAP(rc_item_slots, 4, 1 /* loader */);

/* Content: the automaton and the items it confirms. */
ARRAY_MAP(rc_class, 256, 1);
ARRAY_MAP(rc_dfa, 4 /* loader */, 1 /* loader */);
ARRAY_MAP(rc_out_start, 4, 2 /* loader */);
ARRAY_MAP(rc_out_items, 4, 1 /* loader */);
ARRAY_MAP(rc_slot_items, 4, 1 /* loader */);
ARRAY_MAP(rc_patterns, MAX_PATTERN, 1 /* loader */);

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, struct item);
	__uint(max_entries, 1); /* loader */
} rc_items SEC(".maps");

/* Per item: the per-CPU packet sequence number of its last match. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 1); /* loader */
} rc_item_stamp SEC(".maps");

/* Flows whose packets are dropped after a drop or reject verdict, as
 * Suricata drops a flow inline; value: when it was marked. */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__type(key, struct flow_key);
	__type(value, __u64);
	__uint(max_entries, FLOW_DROPS);
} rc_flow_drop SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, enum counter);
	__type(value, __u64);
	__uint(max_entries, C_MAX);
} rc_counters SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4 << 20); /* loader */
} rc_events SEC(".maps");

#endif
