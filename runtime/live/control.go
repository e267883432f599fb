package live

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// DefaultControlDir holds the control sockets of live runs.
const DefaultControlDir = "/run/rulec"

// ControlPath is the default control socket of a run on iface.
func ControlPath(iface string) string {
	return filepath.Join(DefaultControlDir, iface+".sock")
}

// Control serves "reload" requests on a unix socket: one line in, one
// line out, "ok MESSAGE" or "error MESSAGE".
type Control struct {
	l      net.Listener
	dir    string // removed on Close when Serve created it
	reload func() (string, error)
	wg     sync.WaitGroup
}

// ServeControl listens on path; reload is called for each request, one at
// a time.
func ServeControl(path string, reload func() (string, error)) (*Control, error) {
	c := &Control{reload: reload}
	dir := filepath.Dir(path)
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("control socket: %w", err)
		}
		c.dir = dir
	}
	if conn, err := net.DialTimeout("unix", path, time.Second); err == nil {
		conn.Close()
		return nil, fmt.Errorf("control socket %s: another rulec is listening", path)
	}
	os.Remove(path)
	l, err := net.Listen("unix", path)
	if err != nil {
		return nil, fmt.Errorf("control socket: %w", err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		l.Close()
		return nil, fmt.Errorf("control socket: %w", err)
	}
	c.l = l
	c.wg.Add(1)
	go c.serve()
	return c, nil
}

func (c *Control) serve() {
	defer c.wg.Done()
	var mu sync.Mutex
	for {
		conn, err := c.l.Accept()
		if err != nil {
			return
		}
		go func() {
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(time.Minute))
			line, err := bufio.NewReader(conn).ReadString('\n')
			if err != nil {
				return
			}
			reply := "error unknown request " + strings.TrimSpace(line)
			if strings.TrimSpace(line) == "reload" {
				mu.Lock()
				msg, err := c.reload()
				mu.Unlock()
				reply = "ok " + msg
				if err != nil {
					reply = "error " + strings.ReplaceAll(err.Error(), "\n", " ")
				}
			}
			fmt.Fprintln(conn, reply)
		}()
	}
}

// Close stops serving and removes the socket, and its folder when
// ServeControl made it.
func (c *Control) Close() error {
	err := c.l.Close()
	c.wg.Wait()
	if c.dir != "" {
		os.Remove(c.dir)
	}
	return err
}

// RequestReload asks the run serving path to reload and returns its
// answer.
func RequestReload(path string, timeout time.Duration) (string, error) {
	conn, err := net.DialTimeout("unix", path, timeout)
	if err != nil {
		return "", fmt.Errorf("no live run at %s: %w", path, err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(timeout))
	if _, err := fmt.Fprintln(conn, "reload"); err != nil {
		return "", err
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return "", fmt.Errorf("reload: %w", err)
	}
	line = strings.TrimSpace(line)
	if msg, ok := strings.CutPrefix(line, "ok "); ok {
		return msg, nil
	}
	return "", fmt.Errorf("reload: %s", strings.TrimPrefix(line, "error "))
}
