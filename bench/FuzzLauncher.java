import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one JUnit test method, for bench/fuzz.sh: a Jazzer {@code @FuzzTest} fuzzes when the environment says
 * {@code JAZZER_FUZZ=1}. Surefire cannot be told to run one fuzz target of one module without running the other
 * modules' tests too, so the script builds with Maven and runs each target here, in a JVM of its own.
 *
 * <p>Usage: {@code java -cp <test class path> bench/FuzzLauncher.java <class>#<method> <basedir>}; the base
 * directory is where Jazzer keeps its generated corpus ({@code .cifuzz-corpus/}) and writes what it finds
 * ({@code crash-*}). Prints {@code fuzz-launcher: tests=N failed=F} last; exits 1 when a test failed.
 */
public class FuzzLauncher {
    public static void main(String[] args) throws ClassNotFoundException {
        if (args.length != 2 || !args[0].contains("#")) {
            System.err.println("usage: FuzzLauncher <class>#<method> <basedir>");
            System.exit(2);
        }
        String[] target = args[0].split("#", 2);
        Class<?> type = Class.forName(target[0], false, Thread.currentThread().getContextClassLoader());
        // by name: a fuzz test takes byte[], FuzzedDataProvider or typed arguments, which the caller need not spell
        Method method = Arrays.stream(type.getDeclaredMethods()).filter(m -> m.getName().equals(target[1])).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no method " + target[1] + " in " + target[0]));
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectMethod(type, method))
                .configurationParameter("jazzer.internal.basedir", args[1])
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        summary.printFailuresTo(out, 40);
        out.println("fuzz-launcher: tests=" + summary.getTestsStartedCount() + " failed=" + summary.getTotalFailureCount());
        System.exit(summary.getTotalFailureCount() == 0 && summary.getTestsStartedCount() > 0 ? 0 : 1);
    }
}
