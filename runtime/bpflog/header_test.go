package bpflog

import (
	"testing"

	"github.com/rulec/rulec/internal/cheader"
)

// TestHeaderConstants checks the constants of record.go and level.go
// against bpf/log.h.
func TestHeaderConstants(t *testing.T) {
	want := map[string]uint64{
		"RC_LOG_MSG_LEN":  MsgLen,
		"RC_LOG_STR_LEN":  StrLen,
		"RC_LOG_MAX_ARGS": MaxArgs,
		"RC_LOG_NO_RULE":  NoRule,
		"RC_LOG_DEBUG":    uint64(LevelDebug),
		"RC_LOG_INFO":     uint64(LevelInfo),
		"RC_LOG_WARN":     uint64(LevelWarn),
		"RC_LOG_ERROR":    uint64(LevelError),
		"RC_LOG_ARG_NONE": argNone,
		"RC_LOG_ARG_U64":  argU64,
		"RC_LOG_ARG_IP4":  argIP4,
		"RC_LOG_ARG_IP6":  argIP6,
		"RC_LOG_ARG_PORT": argPort,
		"RC_LOG_ARG_STR":  argStr,
	}
	cheader.Check(t, "../../bpf/log.h", want)
}
