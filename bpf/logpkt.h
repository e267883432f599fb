/* Log records about the packet being classified, through log.h: the
 * addresses (as ip4 or ip6 arguments 0 and 1) and the destination port
 * (argument 2). Records below the loader's level cost nothing: the level
 * is a read-only constant and the verifier removes the code. */
#ifndef RULEC_LOGPKT_H
#define RULEC_LOGPKT_H

#include "log.h"
#include "state.h"

static __always_inline void log_addrs(struct rc_log_record *r, struct scratch *sc)
{
	if (sc->family == 4) {
		__u32 a;

		__builtin_memcpy(&a, sc->saddr, 4);
		rc_log_ip4(r, 0, a);
		__builtin_memcpy(&a, sc->daddr, 4);
		rc_log_ip4(r, 1, a);
	} else {
		rc_log_ip6(r, 0, sc->saddr);
		rc_log_ip6(r, 1, sc->daddr);
	}
	rc_log_port(r, 2, sc->dport);
}

/* log_packet: text must be a string literal of fewer than 32 bytes. */
#define log_packet(level, rule, text, sc)                                  \
	do {                                                               \
		struct rc_log_record *r_ = rc_log_reserve(level, rule, 0); \
		if (r_) {                                                  \
			rc_log_text(r_, text);                             \
			log_addrs(r_, sc);                                 \
			rc_log_submit(r_);                                 \
		}                                                          \
	} while (0)

#endif
