package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/rulec/rulec/runtime/engine"
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/filehash"
	"github.com/rulec/rulec/runtime/flow"
	"github.com/rulec/rulec/runtime/flow/dns"
	"github.com/rulec/rulec/runtime/flow/tls"
)

// recordTypes chooses the EVE record types of a run: the list given, or
// the eve-log types of the suricata.yaml given with --vars, or alerts.
func recordTypes(list, varsFile string) (eve.Types, error) {
	if list != "" {
		t := eve.Types{}
		for _, name := range strings.Split(list, ",") {
			switch name = strings.TrimSpace(name); name {
			case "suricata":
				for k := range eve.SuricataDefault() {
					t[k] = true
				}
			case "alert", "flow", "http", "dns", "tls", "ssh", "smtp", "ftp", "pop3", "http2", "doh2", "files", "drop", "anomaly", "stats",
				eve.Ethernet, eve.AlertPacket, eve.AlertPayload, eve.AlertPayloadPrintable, eve.AlertPayloadLength:
				t[name] = true
			default:
				return nil, fmt.Errorf("--eve-types: %q: %w", name, errUnknownType)
			}
		}
		return t, nil
	}
	if varsFile != "" {
		data, err := os.ReadFile(varsFile)
		if err != nil {
			return nil, err
		}
		t, ok, err := eve.TypesFromYAML(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", varsFile, err)
		}
		if ok {
			return t, nil
		}
	}
	return eve.AlertsOnly(), nil
}

// actionOrder reads the action-order of the suricata.yaml given with
// --vars; nil (Suricata's default) without one.
func actionOrder(varsFile string) (engine.ActionOrder, error) {
	if varsFile == "" {
		return nil, nil
	}
	data, err := os.ReadFile(varsFile)
	if err != nil {
		return nil, err
	}
	o, err := engine.ActionOrderFromYAML(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", varsFile, err)
	}
	return o, nil
}

// tlsLog reads the eve-log tls type's fields of the suricata.yaml given
// with --vars; zero (the default suricata.yaml's) without one.
func tlsLog(varsFile string) (tls.LogConfig, error) {
	if varsFile == "" {
		return tls.LogConfig{}, nil
	}
	data, err := os.ReadFile(varsFile)
	if err != nil {
		return tls.LogConfig{}, err
	}
	c, _, ok, err := tls.LogFromYAML(data)
	if err != nil || !ok {
		return tls.LogConfig{}, err
	}
	return c, nil
}

// fileHashes reads the file digests the suricata.yaml given with --vars
// forces (force-hash, the file store).
func fileHashes(varsFile string) (filehash.Kinds, error) {
	if varsFile == "" {
		return 0, nil
	}
	data, err := os.ReadFile(varsFile)
	if err != nil {
		return 0, err
	}
	return eve.FileHashesFromYAML(data)
}

// fileStore reads the file-store output of the suricata.yaml given with
// --vars: its dir is relative to the EVE file's folder (the log
// directory), else the working directory.
func fileStore(varsFile, evePath string) (*flow.FileStore, error) {
	if varsFile == "" {
		return nil, nil
	}
	data, err := os.ReadFile(varsFile)
	if err != nil {
		return nil, err
	}
	c, ok, err := eve.FileStoreFromYAML(data)
	if err != nil || !ok {
		return nil, err
	}
	dir := c.Dir
	if !filepath.IsAbs(dir) && evePath != "" && evePath != "-" {
		dir = filepath.Join(filepath.Dir(evePath), dir)
	}
	return flow.NewFileStore(dir, c)
}

// eveOutput reads the eve-log output settings of the suricata.yaml given
// with --vars that shape records: the dns type's (version, requests,
// responses, types, formats) and community-id.
func eveOutput(varsFile string) (dns.LogConfig, *eve.CommunityID, error) {
	if varsFile == "" {
		return dns.LogConfigFrom(nil, os.Getenv("SURICATA_EVE_DNS_VERSION")), nil, nil
	}
	data, err := os.ReadFile(varsFile)
	if err != nil {
		return dns.LogConfig{}, nil, err
	}
	d, err := dns.LogConfigFromYAML(data, os.Getenv("SURICATA_EVE_DNS_VERSION"))
	if err != nil {
		return d, nil, fmt.Errorf("%s: %w", varsFile, err)
	}
	c, err := eve.CommunityIDFromYAML(data)
	if err != nil {
		return d, nil, fmt.Errorf("%s: %w", varsFile, err)
	}
	return d, c, nil
}
