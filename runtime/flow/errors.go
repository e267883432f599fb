package flow

import "errors"

var (
	// ErrSetting, ErrSize and ErrDuration are Config.Set's errors: an
	// unknown key, a bad size, a bad timeout.
	ErrSetting  = errors.New("unknown setting")
	ErrSize     = errors.New("bad size, want a number of bytes with an optional kb, mb or gb")
	ErrDuration = errors.New("bad timeout, want seconds or a duration such as 90s")
	// ErrPolicy is a bad exception policy value or combination.
	ErrPolicy = errors.New("bad exception policy (want drop-flow, pass-flow, bypass, drop-packet, pass-packet, reject, rejectboth, ignore or auto)")
	// ErrUrgentPolicy is a bad stream.reassembly.urgent policy value.
	// errStoreFull is a file not stored: the file store's byte budget is spent.
	errStoreFull    = errors.New("file store budget spent")
	ErrUrgentPolicy = errors.New("bad urgent policy (want inline, drop, oob or gap; oob-limit-policy: inline, drop or gap)")
	// ErrGuessLimit is a detect.stream-tx-log-limit out of 0-255.
	ErrGuessLimit = errors.New("bad stream-tx-log-limit, want 0 to 255")
)
