using System.Runtime.InteropServices;

namespace Repro.Cli.Commands;

/// <summary>
/// Ctrl-C (SIGINT) or SIGTERM (a Slurm time limit or preemption, a cancelled CI job, <c>kill</c>) while a command trains.
/// The first signal asks the run in progress to checkpoint at its next step boundary and the command to start no other
/// run; the command then exits with <see cref="ExitCode"/>, its work resumable by running it again. A second signal
/// quits at once, losing the steps since the last checkpoint. Without this a stop lost every step of the run in
/// progress: most runs checkpoint only at their end.
/// </summary>
public sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource requested = new();
    private readonly PosixSignalRegistration[] registrations;
    private int signal;

    public Interruption(TextWriter log) =>
        registrations = [Register(PosixSignal.SIGINT, 2, log), Register(PosixSignal.SIGTERM, 15, log)];

    /// <summary>Cancelled at the first signal.</summary>
    public CancellationToken Token => requested.Token;

    public bool Requested => Volatile.Read(ref signal) != 0;

    /// <summary>128 + the signal's number (130 for SIGINT, 143 for SIGTERM): the shell's code for a process a signal stopped.</summary>
    public int ExitCode => 128 + Volatile.Read(ref signal);

    private PosixSignalRegistration Register(PosixSignal posixSignal, int number, TextWriter log) =>
        PosixSignalRegistration.Create(posixSignal, context =>
        {
            // A second signal keeps the default handling: the process ends now.
            if (Interlocked.CompareExchange(ref signal, number, 0) != 0) return;
            context.Cancel = true;
            log.WriteLine($"{posixSignal}: stopping at the next step boundary with a checkpoint (run the command again to resume); a second signal quits at once, losing the steps since the last checkpoint");
            requested.Cancel();
        });

    public void Dispose()
    {
        foreach (var registration in registrations) registration.Dispose();
        requested.Dispose();
    }
}
