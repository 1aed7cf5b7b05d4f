import { withCron } from "@/lib/http/with-cron";
import { dispatchDueMessages } from "@/lib/jobs/dispatch-due-messages";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

export const GET = withCron("dispatch", () => dispatchDueMessages());
