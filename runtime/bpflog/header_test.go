package bpflog

import (
	"os"
	"regexp"
	"strconv"
	"testing"
)

// TestHeaderConstants checks the constants of record.go and level.go
// against bpf/log.h.
func TestHeaderConstants(t *testing.T) {
	src, err := os.ReadFile("../../bpf/log.h")
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]uint64{}
	re := regexp.MustCompile(`(?m)^\s*(?:#define\s+(RC_LOG_\w+)\s+|(RC_LOG_\w+)\s*=\s*)(0x[0-9a-f]+|\d+)u?\b`)
	for _, m := range re.FindAllStringSubmatch(string(src), -1) {
		v, err := strconv.ParseUint(m[3], 0, 64)
		if err != nil {
			t.Fatal(err)
		}
		found[m[1]+m[2]] = v
	}
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
	for name, v := range want {
		got, ok := found[name]
		if !ok {
			t.Errorf("log.h does not define %s", name)
		} else if got != v {
			t.Errorf("%s: log.h %d, Go %d", name, got, v)
		}
	}
}
