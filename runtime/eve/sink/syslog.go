package sink

import (
	"bytes"
	"fmt"
	"log/syslog"
	"strings"
	"time"
)

var facilities = map[string]syslog.Priority{
	"kern": syslog.LOG_KERN, "user": syslog.LOG_USER, "mail": syslog.LOG_MAIL, "daemon": syslog.LOG_DAEMON,
	"auth": syslog.LOG_AUTH, "syslog": syslog.LOG_SYSLOG, "lpr": syslog.LOG_LPR, "news": syslog.LOG_NEWS,
	"uucp": syslog.LOG_UUCP, "cron": syslog.LOG_CRON, "authpriv": syslog.LOG_AUTHPRIV, "ftp": syslog.LOG_FTP,
	"local0": syslog.LOG_LOCAL0, "local1": syslog.LOG_LOCAL1, "local2": syslog.LOG_LOCAL2, "local3": syslog.LOG_LOCAL3,
	"local4": syslog.LOG_LOCAL4, "local5": syslog.LOG_LOCAL5, "local6": syslog.LOG_LOCAL6, "local7": syslog.LOG_LOCAL7,
}

// slog sends each record as one syslog message at level info, the way
// Suricata's syslog eve-log does (facility local5 by default).
type slog struct {
	cfg     Config
	pri     syslog.Priority
	w       *syslog.Writer
	lastTry time.Time
}

func newSyslog(cfg Config) (*slog, error) {
	fac := strings.ToLower(cfg.Facility)
	if fac == "" {
		fac = "local5"
	}
	p, ok := facilities[fac]
	if !ok {
		return nil, fmt.Errorf("%w %q", ErrFacility, cfg.Facility)
	}
	if cfg.Path == "" {
		cfg.Path = "/dev/log"
	}
	if cfg.Identity == "" {
		cfg.Identity = "rulec"
	}
	s := &slog{cfg: cfg, pri: p | syslog.LOG_INFO}
	s.reopen()
	return s, nil
}

func (s *slog) reopen() error {
	s.lastTry = time.Now()
	if s.w != nil {
		s.w.Close()
	}
	w, err := syslog.Dial("unixgram", s.cfg.Path, s.pri, s.cfg.Identity)
	if err != nil {
		s.w = nil
		return nil
	}
	s.w = w
	return nil
}

func (s *slog) send(rec []byte) error {
	if s.w == nil && time.Since(s.lastTry) >= retryEvery {
		s.reopen()
	}
	if s.w == nil {
		return fmt.Errorf("syslog socket %s unavailable", s.cfg.Path)
	}
	return s.w.Info(string(bytes.TrimSuffix(rec, []byte("\n"))))
}

func (s *slog) Close() error {
	if s.w == nil {
		return nil
	}
	return s.w.Close()
}
