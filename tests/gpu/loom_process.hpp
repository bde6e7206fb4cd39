// tests/gpu/loom_process.hpp — the `loom` program as a child process, driven like a script does:
// arguments, lines on its stdin, and its stdout and stderr read line by line.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace loom::test {

using namespace std::chrono_literals;

// A `loom` child process with stdin and merged stdout/stderr on pipes.
class LoomProcess {
public:
    explicit LoomProcess(const std::vector<std::string>& args) {
        int in[2], out[2];
        if (::pipe(in) != 0 || ::pipe(out) != 0) return;
        pid_ = ::fork();
        if (pid_ == 0) {
            ::dup2(in[0], 0);
            ::dup2(out[1], 1);
            ::dup2(out[1], 2);
            ::close(in[1]);
            ::close(out[0]);
            std::vector<char*> argv;
            for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
            argv.push_back(nullptr);
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
        ::close(in[0]);
        ::close(out[1]);
        stdin_ = in[1];
        stdout_ = out[0];
        reader_ = std::thread([this] {
            char buf[4096];
            std::string partial;
            for (;;) {
                const ssize_t n = ::read(stdout_, buf, sizeof buf);
                if (n <= 0) break;
                partial.append(buf, static_cast<std::size_t>(n));
                std::lock_guard lock(mutex_);
                for (std::size_t nl; (nl = partial.find('\n')) != std::string::npos;) {
                    lines_.push_back(partial.substr(0, nl));
                    partial.erase(0, nl + 1);
                }
                cv_.notify_all();
            }
            std::lock_guard lock(mutex_);
            eof_ = true;
            cv_.notify_all();
        });
    }
    ~LoomProcess() {
        if (pid_ > 0 && !exited_) {
            ::kill(pid_, SIGKILL);
            wait_exit();
        }
        if (reader_.joinable()) reader_.join();
        if (stdin_ >= 0) ::close(stdin_);
        if (stdout_ >= 0) ::close(stdout_);
    }

    void signal(int sig) { ::kill(pid_, sig); }
    void send(const std::string& line) {
        const std::string l = line + "\n";
        ASSERT_EQ(::write(stdin_, l.data(), l.size()), static_cast<ssize_t>(l.size()));
    }
    // Waits for a line (after the ones already consumed) matching `re`; returns it ("" on timeout).
    std::string wait_for(const std::string& re, std::chrono::seconds timeout = 60s) {
        const std::regex rx(re);
        std::unique_lock lock(mutex_);
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            for (; next_ < lines_.size(); ++next_)
                if (std::regex_search(lines_[next_], rx)) return lines_[next_++];
            if (eof_ || cv_.wait_until(lock, deadline) == std::cv_status::timeout) {
                for (; next_ < lines_.size(); ++next_)
                    if (std::regex_search(lines_[next_], rx)) return lines_[next_++];
                return "";
            }
        }
    }
    std::string all_output() {
        std::lock_guard lock(mutex_);
        std::string s;
        for (const auto& l : lines_) s += l + "\n";
        return s;
    }
    int wait_exit() {
        int status = 0;
        ::waitpid(pid_, &status, 0);
        exited_ = true;
        {  // the rest of its output (bounded: a grandchild could hold the pipe open)
            std::unique_lock lock(mutex_);
            cv_.wait_for(lock, 10s, [this] { return eof_; });
        }
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }

private:
    pid_t pid_ = -1;
    bool exited_ = false;
    int stdin_ = -1, stdout_ = -1;
    std::thread reader_;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::vector<std::string> lines_;
    std::size_t next_ = 0;
    bool eof_ = false;
};

}  // namespace loom::test
