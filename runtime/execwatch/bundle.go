package execwatch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
)

// Container is the container a runtime process works on.
type Container struct {
	ID          string            // from the arguments, else the bundle directory's name
	Bundle      string            // absolute, as the process sees it; "" when unknown
	Hostname    string            // config.json "hostname"
	Annotations map[string]string // config.json "annotations"
}

// maxConfig bounds the config.json read.
const maxConfig = 4 << 20

// ociConfig is the part of an OCI runtime config.json that is reported.
type ociConfig struct {
	Hostname    string            `json:"hostname"`
	Annotations map[string]string `json:"annotations"`
}

// containerOf finds the container of confirmed process p (pid under
// root). The bundle is the --bundle argument (relative to the process's
// working directory), else the working directory when it holds a
// config.json. Files are read through /proc/PID/root, so paths are the
// process's even in another mount namespace. The container is returned
// with an error when its config.json cannot be used.
func containerOf(root string, pid uint32, p process) (Container, error) {
	c := Container{ID: p.inv.id}
	procRoot := filepath.Join(root, strconv.FormatUint(uint64(pid), 10), "root")
	bundle := p.inv.bundle
	if bundle != "" && !filepath.IsAbs(bundle) {
		bundle = filepath.Join(p.cwd, bundle)
	}
	explicit := bundle != ""
	if !explicit {
		bundle = p.cwd
	}
	cfg, err := readConfig(filepath.Join(procRoot, bundle, "config.json"))
	switch {
	case errors.Is(err, fs.ErrNotExist) && !explicit:
		return c, nil
	case errors.Is(err, fs.ErrNotExist):
		err = nil
	}
	c.Bundle = filepath.Clean(bundle)
	if c.ID == "" {
		c.ID = filepath.Base(c.Bundle)
	}
	if err != nil {
		return c, fmt.Errorf("bundle %s: %w", c.Bundle, err)
	}
	c.Hostname, c.Annotations = cfg.Hostname, cfg.Annotations
	return c, nil
}

func readConfig(path string) (ociConfig, error) {
	var cfg ociConfig
	f, err := os.Open(path)
	if err != nil {
		return cfg, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxConfig+1))
	if err != nil {
		return cfg, err
	}
	if len(b) > maxConfig {
		return cfg, fmt.Errorf("config.json larger than %d bytes", maxConfig)
	}
	if err := json.Unmarshal(b, &cfg); err != nil {
		return cfg, fmt.Errorf("config.json: %w", err)
	}
	return cfg, nil
}
