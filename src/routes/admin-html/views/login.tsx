import { AdminLayout } from './layout'

/** The sign-in page: one field for the access token. */
export function LoginPage(props: { siteName: string; next: string; error?: string }) {
  return (
    <AdminLayout title="Đăng nhập" siteName={props.siteName} error={props.error}>
      <form method="post" action="/admin/login" class="card narrow">
        <input type="hidden" name="next" value={props.next} />
        <div class="field">
          <label for="token">Mã truy cập</label>
          <input id="token" name="token" type="password" required autocomplete="current-password" />
        </div>
        <button type="submit">Đăng nhập</button>
      </form>
    </AdminLayout>
  )
}
